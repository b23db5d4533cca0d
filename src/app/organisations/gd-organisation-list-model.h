/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-organisation-list-model.h: the organisation register as a GListModel read a page at a
 * time from the store's query table; its items are GdOrganisationItem. */
#pragma once

#include <gio/gio.h>

#include "gd-organisation.h"

G_BEGIN_DECLS

#define GD_TYPE_ORGANISATION_ITEM (gd_organisation_item_get_type ())
G_DECLARE_FINAL_TYPE (GdOrganisationItem, gd_organisation_item, GD, ORGANISATION_ITEM, GObject)

/* The row the item shows (owned by the item). */
const GdOrganisationRow *gd_organisation_item_get_row (GdOrganisationItem *self);

/* What the list shows; NULL members (and FALSE) do not filter. */
typedef struct {
  const char *grid;
  const char *text;      /* name, pinyin, credit code, operator, phone (the search index) */
  const char *kind;
  const char *premises;
  const char *risk;
  gboolean    overdue;   /* only those with a hazard whose rectification date has passed */
} GdOrganisationFilter;

#define GD_TYPE_ORGANISATION_LIST_MODEL (gd_organisation_list_model_get_type ())
G_DECLARE_FINAL_TYPE (GdOrganisationListModel, gd_organisation_list_model, GD,
                      ORGANISATION_LIST_MODEL, GObject)

GdOrganisationListModel *gd_organisation_list_model_new        (void);
/* Borrowed: it must outlive the model or be unset with NULL first. */
void                     gd_organisation_list_model_set_store  (GdOrganisationListModel    *self,
                                                                GdStore                    *store);
void                     gd_organisation_list_model_set_filter (GdOrganisationListModel    *self,
                                                                const GdOrganisationFilter *filter);
/* Re-reads with the same filter (a document changed). */
void                     gd_organisation_list_model_reload     (GdOrganisationListModel    *self);
/* Why the last read failed, or NULL. */
const GError            *gd_organisation_list_model_get_error  (GdOrganisationListModel    *self);
/* The name of grid `code` ("" for NULL, the code when unknown). */
const char              *gd_organisation_list_model_grid_name  (GdOrganisationListModel    *self,
                                                                const char                 *code);

G_END_DECLS
