/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rh-database.h"

G_BEGIN_DECLS

/* rh_database_migrations[i] moves the schema from version i to i + 1; it
 * runs in one transaction together with the user_version bump. */
extern const char * const rh_database_migrations[RH_DATABASE_SCHEMA_VERSION];

/* The per-row card triggers a bulk write turns off and puts back (see
 * rh_database_suspend_card_triggers()), as the current schema has them. */
extern const char rh_database_card_triggers_drop[];
extern const char rh_database_card_triggers_create[];

G_END_DECLS
