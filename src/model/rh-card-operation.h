/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-database.h"

G_BEGIN_DECLS

typedef enum
{
  RH_CARD_OPERATION_SUSPEND,
  RH_CARD_OPERATION_UNSUSPEND,
  RH_CARD_OPERATION_MOVE,
  RH_CARD_OPERATION_ADD_TAG,
  RH_CARD_OPERATION_REMOVE_TAG,
  RH_CARD_OPERATION_FORGET,
  RH_CARD_OPERATION_RESCHEDULE,
  RH_CARD_OPERATION_DELETE,
} RhCardOperationKind;

#define RH_TYPE_CARD_OPERATION (rh_card_operation_get_type ())

G_DECLARE_FINAL_TYPE (RhCardOperation, rh_card_operation, RH, CARD_OPERATION, GObject)

/* One change to many cards, written in one transaction, and what it
 * changed, so that it can be undone exactly. */
RhCardOperation     *rh_card_operation_new_suspend    (RhDatabase       *database,
                                                       const gint64     *ids,
                                                       guint             n_ids,
                                                       gboolean          suspended);
RhCardOperation     *rh_card_operation_new_move       (RhDatabase       *database,
                                                       const gint64     *ids,
                                                       guint             n_ids,
                                                       const char       *topic_path);
RhCardOperation     *rh_card_operation_new_tag        (RhDatabase       *database,
                                                       const gint64     *ids,
                                                       guint             n_ids,
                                                       const char       *tag,
                                                       gboolean          add);
RhCardOperation     *rh_card_operation_new_forget     (RhDatabase       *database,
                                                       const gint64     *ids,
                                                       guint             n_ids);
RhCardOperation     *rh_card_operation_new_reschedule (RhDatabase       *database,
                                                       const gint64     *ids,
                                                       guint             n_ids,
                                                       gint64            due);
RhCardOperation     *rh_card_operation_new_delete     (RhDatabase       *database,
                                                       const gint64     *ids,
                                                       guint             n_ids);
RhCardOperationKind  rh_card_operation_get_kind       (RhCardOperation  *self);
guint                rh_card_operation_get_n_cards    (RhCardOperation  *self);
gboolean             rh_card_operation_get_applied    (RhCardOperation  *self);
gboolean             rh_card_operation_apply          (RhCardOperation  *self,
                                                       GError          **error);
gboolean             rh_card_operation_undo           (RhCardOperation  *self,
                                                       GError          **error);
void                 rh_card_operation_apply_async    (RhCardOperation     *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             rh_card_operation_apply_finish   (RhCardOperation  *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);
void                 rh_card_operation_undo_async     (RhCardOperation     *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             rh_card_operation_undo_finish    (RhCardOperation  *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);
char                *rh_card_operation_dup_title      (RhCardOperation  *self);
gboolean             rh_card_operation_has_reviews    (RhCardOperation  *self);

G_END_DECLS
