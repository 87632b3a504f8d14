/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For RhDatabase only: the integrity check that runs on a worker thread
 * while the app opens, so that the first write can wait for it. */

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RhIntegrityCheck RhIntegrityCheck;

/* @done runs in the current main context when the check ends, unless the
 * check was freed before. A check made with _new() starts with _run(), or
 * at the first _wait(). */
RhIntegrityCheck *rh_integrity_check_new   (const char        *path,
                                            GSourceFunc        done,
                                            gpointer           user_data);
void              rh_integrity_check_run   (RhIntegrityCheck  *check);
RhIntegrityCheck *rh_integrity_check_start (const char        *path,
                                            GSourceFunc        done,
                                            gpointer           user_data);
/* Blocks until the check has ended. Returns: %TRUE if the file is sound;
 * otherwise @problem says what is wrong. */
gboolean          rh_integrity_check_wait  (RhIntegrityCheck  *check,
                                            char             **problem);
/* Stops a running check, waits for its thread and frees it. */
void              rh_integrity_check_free  (RhIntegrityCheck  *check);

G_END_DECLS
