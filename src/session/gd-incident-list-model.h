/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-incident-list-model.h: filtered, sorted incidents as a GListModel of GdIncidentItem,
 * read from the store a page at a time (the board's columns and the list). */
#pragma once

#include <gio/gio.h>

#include "gd-incident-query.h"

G_BEGIN_DECLS

#define GD_INCIDENT_LIST_MODEL_PAGE_SIZE 100
#define GD_INCIDENT_LIST_MODEL_MAX_PAGES 6

#define GD_TYPE_INCIDENT_ITEM (gd_incident_item_get_type ())
G_DECLARE_FINAL_TYPE (GdIncidentItem, gd_incident_item, GD, INCIDENT_ITEM, GObject)

/* Takes ownership of `row`. */
GdIncidentItem      *gd_incident_item_new     (GdIncidentRow *row);
const GdIncidentRow *gd_incident_item_get_row (GdIncidentItem *self);

#define GD_TYPE_INCIDENT_LIST_MODEL (gd_incident_list_model_get_type ())
G_DECLARE_FINAL_TYPE (GdIncidentListModel, gd_incident_list_model, GD, INCIDENT_LIST_MODEL, GObject)

/* `store` is borrowed: it must outlive the model or be unset with NULL first. The model
 * is empty until a filter is set. */
GdIncidentListModel    *gd_incident_list_model_new        (GdStore *store);
void                    gd_incident_list_model_set_store  (GdIncidentListModel    *self,
                                                           GdStore                *store);
/* Copies `filter`; when it differs from the current one (or `force`), counts again and
 * replaces the rows (items-changed (0, old, new)). */
void                    gd_incident_list_model_set_filter (GdIncidentListModel    *self,
                                                           const GdIncidentFilter *filter,
                                                           gboolean                force);
/* The same when the caller has counted the rows already (the board's header counts, one
 * query for all columns): `n_items` ≥ 0 is taken as the count. */
void                    gd_incident_list_model_set_filter_counted (GdIncidentListModel    *self,
                                                                   const GdIncidentFilter *filter,
                                                                   gboolean                force,
                                                                   gint64                  n_items);
const GdIncidentFilter *gd_incident_list_model_get_filter (GdIncidentListModel    *self);
/* Forgets the cached pages and counts again. */
void                    gd_incident_list_model_reload     (GdIncidentListModel    *self);
const GError           *gd_incident_list_model_get_error  (GdIncidentListModel    *self);

G_END_DECLS
