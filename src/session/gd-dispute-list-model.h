/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-dispute-list-model.h: mediation cases as a GListModel of GdDisputeItem, read from the
 * store a page at a time through gd_mediation_list() (never the whole table). */
#pragma once

#include <gio/gio.h>

#include "gd-mediation.h"

G_BEGIN_DECLS

#define GD_DISPUTE_LIST_MODEL_PAGE_SIZE 200

#define GD_TYPE_DISPUTE_ITEM (gd_dispute_item_get_type ())
G_DECLARE_FINAL_TYPE (GdDisputeItem, gd_dispute_item, GD, DISPUTE_ITEM, GObject)

/* Takes `row`. */
GdDisputeItem      *gd_dispute_item_new     (GdDisputeRow *row);
const GdDisputeRow *gd_dispute_item_get_row (GdDisputeItem *self);

#define GD_TYPE_DISPUTE_LIST_MODEL (gd_dispute_list_model_get_type ())
G_DECLARE_FINAL_TYPE (GdDisputeListModel, gd_dispute_list_model, GD, DISPUTE_LIST_MODEL, GObject)

GdDisputeListModel *gd_dispute_list_model_new      (void);
/* `store` is borrowed; NULL empties the model. */
void                gd_dispute_list_model_set_store (GdDisputeListModel *self, GdStore *store);
/* Copies the filter's strings (limit and offset are the model's business) and reloads. */
void                gd_dispute_list_model_set_query (GdDisputeListModel   *self,
                                                     const GdDisputeQuery *query);
/* Forgets the cached pages, counts again and replaces the rows. */
void                gd_dispute_list_model_reload    (GdDisputeListModel *self);
/* Pages read so far (for tests). */
guint               gd_dispute_list_model_get_n_page_reads (GdDisputeListModel *self);

G_END_DECLS
