/* gd-codes.h: code tables (data/codes/<list>.json, compiled into the core as a GResource).
 *
 * Lists: "relationship" (GB/T 4761-2008), "ethnicity" (GB/T 3304), "sex" (GB/T 2261.1),
 * "education" (GB/T 4658), "political-status" (GB/T 4762), "incident-categories",
 * "dispute-categories", "care-tags", "housing", "residence", "id-types", "staff-roles",
 * "incident-sources", "urgency", "mediation-rooms", "dispute-sources", "component-classes",
 * "credit-code-registrars" (GB 32100), "organisation-kinds", "organisation-statuses",
 * "premises-categories" (with each category's inspection "checklist"), "inspection-items" (with
 * the "incident_category" a hazard becomes), "risk-levels".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gd-types.h"

G_BEGIN_DECLS

/* The relationship code (table "relationship", GB/T 4761) of the head of a household: 户主 */
#define HEAD_RELATION "02"

typedef struct {
  const char *code;
  const char *name_zh;
  const char *name_en;
  const char *parent;   /* NULL for top-level items */
} GdCodeItem;

/* The table named `list`, loaded once and kept for the process; NULL if unknown. Thread-safe. */
GdCodeTable      *gd_codes_get                 (const char *list);
const char       *gd_code_table_get_list       (GdCodeTable *table);
const char       *gd_code_table_get_version    (GdCodeTable *table);
guint             gd_code_table_get_n_items    (GdCodeTable *table);
const GdCodeItem *gd_code_table_get_item       (GdCodeTable *table, guint index);
const GdCodeItem *gd_code_table_lookup         (GdCodeTable *table, const char *code);
/* TRUE if `code` is in the table `list` (convenience for validators). */
gboolean          gd_codes_contains            (const char *list, const char *code);
/* Items whose parent is `parent` (NULL: top-level), in table order. Free the array only. */
GPtrArray        *gd_code_table_children       (GdCodeTable *table, const char *parent);
/* The names of all lists compiled in, sorted, NULL-terminated; free with g_strfreev. */
char            **gd_codes_list_names          (void);

/* name_zh of `code` in `list`, or NULL (unknown list or code); for exports and messages. */
const char       *gd_codes_get_name            (const char *list, const char *code);

/* Extra members of an item's JSON object. `item` must come from a GdCodeTable.
 * "sensitive": TRUE for care categories whose disclosure harms the person (社区矫正 …);
 * the UI masks them and exports need the privacy permission. */
gboolean          gd_code_item_is_sensitive    (const GdCodeItem *item);
/* Any other string member ("alpha" of ethnicity, "scheme" of incident categories …), or NULL. */
const char       *gd_code_item_get_string      (const GdCodeItem *item, const char *member);

/* A table parsed and validated from JSON text (a newer list supplied by the county, tests).
 * Owned by the caller: free with gd_code_table_free. Tables of gd_codes_get are never freed. */
GdCodeTable      *gd_code_table_new_from_bytes (GBytes *bytes, GError **error);
void              gd_code_table_free           (GdCodeTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdCodeTable, gd_code_table_free)

G_END_DECLS
