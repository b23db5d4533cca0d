/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-import-private.h: what the importers of each type share. */
#pragma once

#include "gd-import.h"

G_BEGIN_DECLS

/* The code of `value` in `list`: the code itself, its Chinese name, the name without its
 * suffix (汉 for 汉族, 男 for 男性) or a common alias (高中, 本科, 户籍人口 ...); NULL when
 * nothing matches. */
const char *gd_import_match_code   (const char *list,
                                    const char *value);
/* "1985-03-12", "1985/3/12", "19850312", "1985年3月12日", "1985.3.12" (and a time after
 * it, dropped) -> "1985-03-12"; NULL when not a date. */
char       *gd_import_parse_date   (const char *value);
/* A local date and time ("2026-11-01 09:00[:00]", "2026/11/1 9:00", a bare date) in China's
 * time zone (+08:00) -> RFC 3339 UTC; NULL when not one. */
char       *gd_import_parse_time   (const char *value);

void        gd_import_report_add   (GdImportReport *report,
                                    guint           row,
                                    const char     *column,
                                    const char     *message);
/* A problem of `row` in the column mapped to `field` (or named by the field). */
void        gd_import_problem      (GdImportReport  *report,
                                    GdImportMapping *mapping,
                                    guint            row,
                                    const char      *field,
                                    const char      *message);
/* The column header of `field` in the mapping, or the field name. */
const char *gd_import_column_name  (GdImportMapping *mapping,
                                    const char      *field);
/* The cell of `field` in `row`, stripped ("" when unmapped or empty); newly allocated. */
char       *gd_import_cell         (GdImportMapping  *mapping,
                                    const GdTableRow *row,
                                    const char       *field);
/* `member` (a string) -> _id of the stored documents of `type` that have it, read a page at a
 * time (户号 of households, work-order numbers of incidents). */
GHashTable *gd_import_index_by     (GdStore    *store,
                                    GdDocType   type,
                                    const char *member,
                                    GError    **error);
/* grid code -> code and grid name -> code for the store's grids */
GHashTable *gd_import_grid_names   (GdStore *store, GError **error);
/* Resolves a grid cell (or the default) into a 15-digit code; NULL with a message. */
const char *gd_import_resolve_grid (GHashTable             *grids,
                                    const char             *cell,
                                    const GdImportOptions  *options,
                                    char                  **message);

/* FALSE with the error when the import was cancelled; otherwise reports progress when
 * 500 rows or more were done since *reported, and at the end. */
gboolean    gd_import_step         (const GdImportOptions *options,
                                    guint                  done,
                                    guint                  total,
                                    guint                 *reported,
                                    GError               **error);

/* Notes that the import wrote document `id`, which was `before` (its JSON text; NULL when
 * the import created it). */
void        gd_import_note_change  (GdImportReport *report,
                                    const char     *id,
                                    const char     *before);
/* Records the change set of an import that wrote report->changes (in its transaction) and
 * sets report->batch. */
gboolean    gd_import_record_batch (GdStore               *store,
                                    GdImportType           kind,
                                    const GdImportOptions *options,
                                    const char            *summary,
                                    GdImportReport        *report,
                                    GError               **error);

gboolean    gd_import_households   (GdStore               *store,
                                    GdTable               *table,
                                    GdImportMapping       *mapping,
                                    const GdImportOptions *options,
                                    GdImportReport        *report,
                                    GError               **error);
gboolean    gd_import_incidents    (GdStore               *store,
                                    GdTable               *table,
                                    GdImportMapping       *mapping,
                                    const GdImportOptions *options,
                                    GdImportReport        *report,
                                    GError               **error);
gboolean    gd_import_organisations (GdStore               *store,
                                     GdTable               *table,
                                     GdImportMapping       *mapping,
                                     const GdImportOptions *options,
                                     GdImportReport        *report,
                                     GError               **error);

G_END_DECLS
