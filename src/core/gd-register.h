/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-register.h: the household register as the UI reads it: filtered, sorted pages of rows
 * (never the whole table) and the town → village → grid tree with counts. */
#pragma once

#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_HOUSEHOLD_SORT_NUMBER,
  GD_HOUSEHOLD_SORT_HEAD,
  GD_HOUSEHOLD_SORT_ADDRESS,
  GD_HOUSEHOLD_SORT_MEMBERS,
  GD_HOUSEHOLD_SORT_GRID,
  GD_HOUSEHOLD_SORT_UPDATED,
} GdHouseholdSort;

typedef struct {
  const char     *grid;      /* town, village or grid code prefix; NULL: all */
  const char     *text;      /* name, pinyin, ID or phone (tail), address, number; NULL: all */
  const char     *residence; /* a member with this residence code; NULL: any */
  const char     *care_tag;  /* a member with this care tag; NULL: any */
  gboolean        rented;    /* only rented houses (出租房) */
  GdHouseholdSort sort;
  gboolean        descending;
} GdHouseholdFilter;

typedef struct {
  char  *doc_id;
  char  *number;
  char  *head_name;
  char  *address;
  int    members;
  char  *grid;
  char  *grid_name;
  char  *housing;
  char **tags;       /* care tags of any member, deduplicated, NULL-terminated */
  char  *updated_at;
  gboolean pending;  /* changed here, not yet on the county server */
} GdHouseholdRow;

void       gd_household_row_free      (GdHouseholdRow *row);
gint64     gd_store_count_households  (GdStore                 *store,
                                       const GdHouseholdFilter *filter,
                                       GError                 **error);
/* Rows [offset, offset + limit) of the filtered, sorted register. */
GPtrArray *gd_store_household_page    (GdStore                 *store,
                                       const GdHouseholdFilter *filter,
                                       guint                    offset,
                                       guint                    limit,
                                       GError                 **error);

typedef struct {
  char  *code;
  char  *name;
  char  *level;      /* town, village, grid */
  char  *parent;
  gint64 households; /* including every grid below */
  gint64 persons;
} GdGridNode;

void       gd_grid_node_free          (GdGridNode *node);
/* Every grid document, parents before children, siblings by code, with counts summed up. */
GPtrArray *gd_store_grid_tree         (GdStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdHouseholdRow, gd_household_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdGridNode, gd_grid_node_free)

G_END_DECLS
