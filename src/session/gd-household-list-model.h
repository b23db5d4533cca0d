/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-household-list-model.h: the filtered, sorted household register as a GListModel of
 * GdHouseholdItem, read from the store a page at a time (never the whole table). */
#pragma once

#include <gio/gio.h>

#include "gd-display.h"
#include "gd-register.h"
#include "gd-store.h"

G_BEGIN_DECLS

/* Rows per query, and how many pages stay cached (least recently used ones go first). */
#define GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE 200
#define GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES 8

#define GD_TYPE_HOUSEHOLD_LIST_MODEL (gd_household_list_model_get_type ())
G_DECLARE_FINAL_TYPE (GdHouseholdListModel, gd_household_list_model, GD, HOUSEHOLD_LIST_MODEL, GObject)

/* `store` is borrowed: it must outlive the model or be unset with NULL first. With no store
 * the model is empty. */
GdHouseholdListModel    *gd_household_list_model_new        (GdStore *store);
void                     gd_household_list_model_set_store  (GdHouseholdListModel *self,
                                                             GdStore              *store);
GdStore                 *gd_household_list_model_get_store  (GdHouseholdListModel *self);
/* Copies `filter` (NULL: everything, by number). Empty strings count as NULL. When it
 * differs from the current one, the rows are replaced: items-changed (0, old, 0), then
 * items-changed (0, 0, new) (one signal each way; either is left out when it has no rows). */
void                     gd_household_list_model_set_filter (GdHouseholdListModel    *self,
                                                             const GdHouseholdFilter *filter);
/* The current filter (owned by the model, valid until the next set_filter). */
const GdHouseholdFilter *gd_household_list_model_get_filter (GdHouseholdListModel *self);
/* Forgets the cached pages, counts again and replaces the rows (signals as set_filter). */
void                     gd_household_list_model_reload     (GdHouseholdListModel *self);
/* The error of the last failed query (count or page), or NULL. */
const GError            *gd_household_list_model_get_error  (GdHouseholdListModel *self);

/* Read the neighbouring page ahead on a worker thread, through a second connection to the
 * store's file (default: on). Results arrive through the thread-default main context. */
void                     gd_household_list_model_set_prefetch       (GdHouseholdListModel *self,
                                                                     gboolean              prefetch);
gboolean                 gd_household_list_model_is_prefetching     (GdHouseholdListModel *self);

/* Statistics for tests and benchmarks: pages cached now, pages read on the caller's thread
 * (each one a wait), pages read ahead that made it into the cache. */
guint                    gd_household_list_model_get_n_cached_pages (GdHouseholdListModel *self);
guint64                  gd_household_list_model_get_n_page_fetches (GdHouseholdListModel *self);
guint64                  gd_household_list_model_get_n_prefetches   (GdHouseholdListModel *self);

G_END_DECLS
