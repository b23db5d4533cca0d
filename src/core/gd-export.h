/* gd-export.h: lists sent out as CSV (UTF-8 with a BOM, or GB18030) or Excel workbooks.
 *
 * Households, persons (one row per household member, with the headers the household import
 * reads, so an unmasked export imports back), incidents, disputes and patrols; the list's
 * filters (grid, status) applied; ID and phone numbers masked unless revealed. Files are
 * written 0600 beside their target and renamed into place only when complete, and every
 * export is audit-logged with its count and whether it was unmasked.
 *
 * Linked as its own small library beside the core (it uses gd-xlsx, libxlsxwriter).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-csv.h"
#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_EXPORT_HOUSEHOLDS,
  GD_EXPORT_PERSONS,
  GD_EXPORT_INCIDENTS,
  GD_EXPORT_DISPUTES,
  GD_EXPORT_PATROLS,
} GdExportKind;

/* "household(s)", "person(s)", "incident(s)", "dispute(s)", "patrol(s)"; GD_ERROR_INVALID
 * otherwise. */
gboolean gd_export_kind_parse (const char *name, GdExportKind *kind, GError **error);

typedef struct {
  const char    *grid;      /* code prefix, or NULL */
  const char    *status;    /* incidents and disputes, or NULL */
  gboolean       reveal;    /* full ID and phone numbers (audit-logged as unmasked) */
  GdRole         role;      /* the operator's: a reveal needs gd_role_may_reveal() */
  GdCsvEncoding  encoding;  /* CSV only: UTF-8 (AUTO) or GB18030 */
  const char    *actor;     /* for the audit log */
} GdExportOptions;

/* Writes the list to `path`: a workbook when it ends in .xlsx, CSV when it ends in .csv
 * (anything else is GD_ERROR_USAGE). A reveal by a role that may not see full numbers is
 * GD_ERROR_FORBIDDEN, and nothing is written. `out_count` (optional) gets the number of rows. */
gboolean gd_export_write (GdStore               *store,
                          GdExportKind           kind,
                          const GdExportOptions *options,
                          const char            *path,
                          guint                 *out_count,
                          GError               **error);

G_END_DECLS
