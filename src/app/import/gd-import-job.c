/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import-assistant"
#include "config.h"

#include "gd-error.h"
#include "gd-import-job.h"
#include "gd-xlsx-reader.h"

GdImportJob *
gd_import_job_new (GdImportJobKind kind,
                   const char     *database,
                   const char     *actor)
{
  GdImportJob *job = g_new0 (GdImportJob, 1);

  job->kind = kind;
  job->database = g_strdup (database);
  job->actor = g_strdup (actor != NULL ? actor : "griddesk");
  return job;
}

void
gd_import_job_free (GdImportJob *job)
{
  if (job == NULL)
    return;
  g_free (job->database);
  g_free (job->actor);
  g_free (job->path);
  g_free (job->sheet);
  if (job->kind == GD_IMPORT_JOB_READ)
    g_clear_pointer (&job->table, gd_table_free);
  g_strfreev (job->sheets);
  g_clear_pointer (&job->report, gd_import_report_free);
  g_free (job);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  GdImportJob *job = user_data;

  g_atomic_int_set (&job->total, (gint) total);
  g_atomic_int_set (&job->done, (gint) done);
}

static gboolean
read_file (GdImportJob *job,
           GError     **error)
{
  gboolean workbook = g_str_has_suffix (job->path, ".xlsx") || g_str_has_suffix (job->path, ".XLSX");

  if (workbook && (job->sheets = gd_xlsx_list_sheets (job->path, error)) == NULL)
    return FALSE;
  job->table = gd_import_read_file (job->path, workbook ? job->sheet : NULL, GD_CSV_ENCODING_AUTO, error);
  return job->table != NULL;
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GdImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  GdImportOptions options = { 0 };
  gboolean ok;

  if (job->kind == GD_IMPORT_JOB_READ)
    {
      if (read_file (job, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if ((store = gd_store_open (job->database, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->kind == GD_IMPORT_JOB_UNDO)
    {
      if (gd_import_undo (store, job->batch, job->actor, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->report = gd_import_report_new ();
  options.dry_run = job->kind == GD_IMPORT_JOB_DRY_RUN;
  options.actor = job->actor;
  options.source = job->path;
  options.cancellable = cancellable;
  options.progress = on_progress;
  options.progress_data = job;
  ok = gd_import_run (store, job->table, job->mapping, &options, job->report, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
gd_import_job_run (GdImportJob         *job,
                   gpointer             source,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, gd_import_job_run);
  /* the job goes back to the caller in finish; the task frees it only when nobody took it */
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, run_in_thread);
}

GdImportJob *
gd_import_job_finish (GAsyncResult  *result,
                      GdImportJob  **out_job,
                      GError       **error)
{
  GTask *task = G_TASK (result);
  GdImportJob *job = g_task_get_task_data (task);
  g_autoptr(GError) local = NULL;

  if (out_job != NULL)
    *out_job = NULL;
  if (g_task_propagate_boolean (task, &local))
    return job;
  if (out_job != NULL && g_error_matches (local, GD_ERROR, GD_ERROR_INVALID))
    *out_job = job;
  else
    gd_import_job_free (job);
  g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}
