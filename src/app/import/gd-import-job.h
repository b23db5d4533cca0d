/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-import-job.h: the import assistant's slow work off the main thread: reading the file, a
 * dry run, the import and its undo. Each job opens its own connection to the database file
 * (the window's stays free for the views, which see the commit through the session's watch),
 * and a cancelled import is rolled back: nothing is written. */
#pragma once

#include <gio/gio.h>

#include "gd-import.h"

G_BEGIN_DECLS

typedef enum {
  GD_IMPORT_JOB_READ,     /* path, sheet -> table (and the workbook's sheets) */
  GD_IMPORT_JOB_DRY_RUN,  /* table, mapping -> report */
  GD_IMPORT_JOB_IMPORT,   /* table, mapping -> report (report->batch) */
  GD_IMPORT_JOB_UNDO,     /* batch */
} GdImportJobKind;

typedef struct {
  GdImportJobKind  kind;
  char            *database;   /* the store's file */
  char            *actor;
  char            *path;       /* the spreadsheet */
  char            *sheet;      /* NULL: the first */
  GdTable         *table;      /* READ: out, owned; others: in, borrowed */
  char           **sheets;     /* READ: out, NULL for CSV */
  GdImportMapping *mapping;    /* borrowed */
  GdImportReport  *report;     /* out */
  gint64           batch;      /* UNDO: in */
  /* rows done and to do, written by the worker, read by the main thread */
  volatile gint    done;
  volatile gint    total;
} GdImportJob;

GdImportJob *gd_import_job_new   (GdImportJobKind kind,
                                  const char     *database,
                                  const char     *actor);
void         gd_import_job_free  (GdImportJob *job);

/* Runs `job` in a thread; `source` (the assistant) is kept alive until `callback`. The job
 * must outlive the call: finish takes it back. */
void         gd_import_job_run    (GdImportJob         *job,
                                   gpointer             source,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* The job; on failure (cancelled: G_IO_ERROR_CANCELLED) NULL with `error` set and the job
 * freed, except for a refused import (GD_ERROR_INVALID), whose job (and report) is given back
 * as well through `out_job`. */
GdImportJob *gd_import_job_finish (GAsyncResult  *result,
                                   GdImportJob  **out_job,
                                   GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdImportJob, gd_import_job_free)

G_END_DECLS
