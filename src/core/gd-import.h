/* gd-import.h: bringing registers in from spreadsheets (人口信息采集表, 12345 work orders).
 *
 * A sheet (GdTable) gets a mapping from its columns to document fields, guessed from common
 * Chinese headers and overridable; its rows become documents that go through the store's
 * validation. A file goes in whole or not at all: one transaction, or nothing written and
 * every problem listed at once as "row 57, 公民身份号码: check digit should be 6" (rows as the
 * spreadsheet numbers them; the header is row 1 when it is the first row).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gd-csv.h"
#include "gd-store.h"
#include "gd-table.h"

G_BEGIN_DECLS

typedef enum {
  GD_IMPORT_HOUSEHOLD,
  GD_IMPORT_INCIDENT,
  GD_IMPORT_ORGANISATION,
} GdImportType;

/* "household", "incident" or "organisation"; FALSE (GD_ERROR_INVALID) for other names. */
gboolean gd_import_type_parse (const char *name, GdImportType *type, GError **error);

/* Reads a workbook (.xlsx, told by its zip signature) or a CSV file; `sheet` (NULL: the
 * first) for workbooks, `encoding` for CSV. */
GdTable *gd_import_read_file (const char     *path,
                              const char     *sheet,
                              GdCsvEncoding   encoding,
                              GError        **error);

typedef struct _GdImportMapping GdImportMapping;

/* Finds the header row (the first of the top rows naming at least two known fields, so a
 * merged title above it is skipped) and maps each column by its header. GD_ERROR_INVALID
 * when no header row is found. The mapping keeps a reference to nothing: keep `table`. */
GdImportMapping *gd_import_mapping_guess   (GdImportType  type,
                                            GdTable      *table,
                                            GError      **error);
/* Overrides from a JSON mapping file:
 *   {"header_row": 2, "columns": {"身份证": "id_number", "C": "phone", "备注": null}}
 * keys are header texts or column letters; a null field ignores the column. */
gboolean         gd_import_mapping_load    (GdImportMapping *mapping,
                                            const char      *json,
                                            gsize            length,
                                            GError         **error);
void             gd_import_mapping_free    (GdImportMapping *mapping);
/* Maps `column` to `field` (one of gd_import_fields(), NULL: ignore the column); a field goes
 * to one column, so another column that had it is ignored from then on. FALSE for a field
 * the type does not know. */
gboolean         gd_import_mapping_set_field (GdImportMapping *mapping,
                                              guint            column,
                                              const char      *field);
/* The number of columns of the header row. */
guint            gd_import_mapping_get_n_columns (GdImportMapping *mapping);
/* The field of `column`, or NULL when the column is ignored. */
const char      *gd_import_mapping_field   (GdImportMapping *mapping, guint column);
/* The column mapped to `field`, or -1. */
int              gd_import_mapping_column  (GdImportMapping *mapping, const char *field);
/* The header text of `column` ("" when none). */
const char      *gd_import_mapping_header  (GdImportMapping *mapping, guint column);
GdImportType     gd_import_mapping_get_kind (GdImportMapping *mapping);
/* Index (into the table) of the header row. */
guint            gd_import_mapping_header_index (GdImportMapping *mapping);
/* The fields a type knows, NULL-terminated (for messages and the assistant). */
const char * const *gd_import_fields       (GdImportType type);

typedef struct {
  guint  row;      /* the spreadsheet's row number */
  char  *column;   /* the header text, or the field name when the column is absent */
  char  *message;
} GdImportProblem;

typedef struct {
  guint      rows;                /* data rows read */
  guint      new_households;      /* or new incidents */
  guint      updated_households;
  guint      unchanged_households; /* matched, and the file changes nothing: not written
                                    * (incidents: work orders imported before) */
  guint      new_persons;
  guint      updated_persons;     /* ID numbers already registered (changed or not) */
  guint      refused_rows;        /* rows with at least one problem */
  GPtrArray *problems;            /* GdImportProblem, by row */
  GPtrArray *notes;               /* char*: "row 12: ID ... already registered, updates ..." */
  gint64     batch;               /* the change set an import recorded (gd_import_undo());
                                   * 0 after a dry run or a refusal */
  GPtrArray *changes;             /* private (gd-import-undo.c): what the import wrote */
} GdImportReport;

GdImportReport *gd_import_report_new  (void);
void            gd_import_report_free (GdImportReport *report);
/* "row 57, 公民身份号码: check digit should be 6" */
char           *gd_import_problem_to_string (const GdImportProblem *problem);

typedef struct {
  gboolean    dry_run;       /* validate and count, write nothing */
  const char *actor;         /* operator for the audit log */
  const char *default_grid;  /* grid for rows without one; NULL: the store's only grid */
  const char *source;        /* the file, for the audit log (or NULL) */
  /* for an assistant running the import in a GTask: cancelled means rolled back (the call
   * fails with G_IO_ERROR_CANCELLED); progress is called now and then with rows done */
  GCancellable *cancellable;
  void        (*progress) (guint done, guint total, gpointer user_data);
  gpointer      progress_data;
} GdImportOptions;

/* Imports the rows under the mapping's header. On any problem nothing is written, the
 * report lists every problem and the call fails with GD_ERROR_INVALID; a dry run counts
 * and validates exactly like an import, then writes nothing. An import is audit-logged
 * (action "import") with its source and counts, in its transaction. */
gboolean        gd_import_run  (GdStore               *store,
                                GdTable               *table,
                                GdImportMapping       *mapping,
                                const GdImportOptions *options,
                                GdImportReport        *report,
                                GError               **error);

/* Change sets (gd-import-undo.c): every import that writes records what it created and
 * what each updated document was before, so it can be undone whole. */
typedef struct {
  gint64  id;
  char   *at;         /* RFC 3339 UTC */
  char   *actor;
  char   *kind;       /* household, incident, organisation */
  char   *source;     /* the file, or NULL */
  char   *summary;    /* the audit log's line */
  guint   created;    /* documents the import created */
  guint   updated;    /* documents it updated */
  char   *undone_at;  /* NULL while the import stands */
  char   *undone_by;
} GdImportBatch;

void            gd_import_batch_free   (GdImportBatch *batch);
/* The change sets, newest first, at most `limit` (0: all). */
GPtrArray      *gd_import_list_batches (GdStore *store, guint limit, GError **error);
/* One change set; GD_ERROR_NOT_FOUND when there is none with that id. */
GdImportBatch  *gd_import_get_batch    (GdStore *store, gint64 id, GError **error);
/* Undoes import `id` in one transaction: the documents it created are deleted, those it
 * updated get back the body they had before (a new revision, so sync carries it). Refused
 * (GD_ERROR_INVALID, nothing written) when it was undone already or when a document it wrote
 * was changed or deleted since: the message names each one. Audit-logged ("import-undo"). */
gboolean        gd_import_undo         (GdStore *store, gint64 id, const char *actor, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdImportBatch, gd_import_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdImportMapping, gd_import_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdImportReport, gd_import_report_free)

G_END_DECLS
