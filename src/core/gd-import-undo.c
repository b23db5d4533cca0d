/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-error.h"
#include "gd-import-private.h"
#include "gd-json.h"
#include "gd-store-private.h"

/* An import is one change set: import_batches holds it, import_changes what it wrote (the
 * body each updated document had before, NULL for those it created, and the document's
 * change_seq right after the import, which any later write moves on). */

typedef struct {
  char *id;
  char *before;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->id);
  g_free (change->before);
  g_free (change);
}

void
gd_import_note_change (GdImportReport *report,
                       const char     *id,
                       const char     *before)
{
  Change *change = g_new0 (Change, 1);

  if (report->changes == NULL)
    report->changes = g_ptr_array_new_with_free_func (change_free);
  change->id = g_strdup (id);
  change->before = g_strdup (before);
  g_ptr_array_add (report->changes, change);
}

static const char *
kind_name (GdImportType kind)
{
  switch (kind)
    {
    case GD_IMPORT_INCIDENT:
      return "incident";
    case GD_IMPORT_ORGANISATION:
      return "organisation";
    case GD_IMPORT_HOUSEHOLD:
    default:
      return "household";
    }
}

gboolean
gd_import_record_batch (GdStore               *store,
                        GdImportType           kind,
                        const GdImportOptions *options,
                        const char            *summary,
                        GdImportReport        *report,
                        GError               **error)
{
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autoptr(GdStmt) batch = gd_store_prepare (store,
    "INSERT INTO import_batches (at, actor, kind, source, summary) VALUES (?, ?, ?, ?, ?)", error);
  gint64 id;

  if (batch == NULL)
    return FALSE;
  gd_store_bind_text (batch, 1, now);
  gd_store_bind_text (batch, 2, options->actor);
  gd_store_bind_text (batch, 3, kind_name (kind));
  gd_store_bind_text (batch, 4, options->source);
  gd_store_bind_text (batch, 5, summary);
  if (!gd_store_step_done (store, batch, N_("recording the import"), error))
    return FALSE;
  id = sqlite3_last_insert_rowid (gd_store_get_db (store));
  for (guint i = 0; report->changes != NULL && i < report->changes->len; i++)
    {
      Change *change = g_ptr_array_index (report->changes, i);
      /* the first note of a document keeps what it was before the import */
      g_autoptr(GdStmt) stmt = gd_store_prepare (store,
        "INSERT OR IGNORE INTO import_changes (batch, doc_id, before, change_seq) "
        "SELECT ?1, id, ?2, change_seq FROM documents WHERE id = ?3", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      gd_store_bind_text (stmt, 2, change->before);
      gd_store_bind_text (stmt, 3, change->id);
      if (!gd_store_step_done (store, stmt, N_("recording the import"), error))
        return FALSE;
    }
  report->batch = id;
  return TRUE;
}

void
gd_import_batch_free (GdImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->at);
  g_free (batch->actor);
  g_free (batch->kind);
  g_free (batch->source);
  g_free (batch->summary);
  g_free (batch->undone_at);
  g_free (batch->undone_by);
  g_free (batch);
}

#define BATCH_COLUMNS \
  "b.id, b.at, b.actor, b.kind, b.source, b.summary, b.undone_at, b.undone_by, " \
  "(SELECT count(*) FROM import_changes c WHERE c.batch = b.id AND c.before IS NULL), " \
  "(SELECT count(*) FROM import_changes c WHERE c.batch = b.id AND c.before IS NOT NULL) "

static GdImportBatch *
batch_from_row (sqlite3_stmt *stmt)
{
  GdImportBatch *batch = g_new0 (GdImportBatch, 1);

  batch->id = sqlite3_column_int64 (stmt, 0);
  batch->at = gd_store_column_dup (stmt, 1);
  batch->actor = gd_store_column_dup (stmt, 2);
  batch->kind = gd_store_column_dup (stmt, 3);
  batch->source = gd_store_column_dup (stmt, 4);
  batch->summary = gd_store_column_dup (stmt, 5);
  batch->undone_at = gd_store_column_dup (stmt, 6);
  batch->undone_by = gd_store_column_dup (stmt, 7);
  batch->created = sqlite3_column_int (stmt, 8);
  batch->updated = sqlite3_column_int (stmt, 9);
  return batch;
}

GPtrArray *
gd_import_list_batches (GdStore *store,
                        guint    limit,
                        GError **error)
{
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_import_batch_free);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT " BATCH_COLUMNS " FROM import_batches b ORDER BY b.id DESC LIMIT ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (batches, batch_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading the imports"));
      return NULL;
    }
  return g_steal_pointer (&batches);
}

GdImportBatch *
gd_import_get_batch (GdStore *store,
                     gint64   id,
                     GError **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT " BATCH_COLUMNS " FROM import_batches b WHERE b.id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      /* Translators: %lld is the number of an import (its change set) */
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("there is no import %lld"), (long long) id);
      return NULL;
    }
  return batch_from_row (stmt);
}

/* "household 0012 (household:…)": what a person recognises, then the id */
static char *
describe (const char *id,
          const char *body)
{
  g_autoptr(JsonObject) doc = body != NULL ? gd_json_parse_object (body, -1, NULL) : NULL;
  const char *label = NULL;

  if (doc != NULL)
    label = gd_json_get_string (doc, "number") != NULL && gd_json_get_string (doc, "name") == NULL
              ? gd_json_get_string (doc, "number") : gd_json_get_string (doc, "name");
  return label != NULL ? g_strdup_printf ("%s (%s)", label, id) : g_strdup (id);
}

/* Every document of the batch changed or deleted since the import, one line each. */
static GPtrArray *
find_changed (GdStore *store,
              gint64   id,
              GError **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT c.doc_id, d.body, d.deleted, json_extract (d.body, '$.updated_at'), "
    "       json_extract (d.body, '$.updated_by'), c.before "
    "FROM import_changes c JOIN documents d ON d.id = c.doc_id "
    "WHERE c.batch = ? AND d.change_seq != c.change_seq ORDER BY c.doc_id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *doc_id = (const char *) sqlite3_column_text (stmt, 0);
      gboolean deleted = sqlite3_column_int (stmt, 2) != 0;
      /* a tombstone names nothing: the body it had before the import, if any, does */
      g_autofree char *what = describe (doc_id, deleted ? (const char *) sqlite3_column_text (stmt, 5)
                                                        : (const char *) sqlite3_column_text (stmt, 1));

      if (deleted)
        /* Translators: a record (its number or name and id) */
        g_ptr_array_add (lines, g_strdup_printf (_("%s was deleted since"), what));
      else
        /* Translators: a record, then when and by whom it was changed */
        g_ptr_array_add (lines, g_strdup_printf (_("%s was changed since (%s by %s)"), what,
                                                 sqlite3_column_text (stmt, 3) ? (const char *) sqlite3_column_text (stmt, 3) : "?",
                                                 sqlite3_column_text (stmt, 4) ? (const char *) sqlite3_column_text (stmt, 4) : "?"));
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading the import"));
      return NULL;
    }
  return g_steal_pointer (&lines);
}

static gboolean
undo_changes (GdStore    *store,
              gint64      id,
              const char *actor,
              GError    **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) befores = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT doc_id, before FROM import_changes WHERE batch = ? ORDER BY doc_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, gd_store_column_dup (stmt, 0));
      g_ptr_array_add (befores, gd_store_column_dup (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading the import"));
      return FALSE;
    }
  g_clear_pointer (&stmt, gd_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *doc_id = g_ptr_array_index (ids, i);
      const char *before = g_ptr_array_index (befores, i);
      g_autoptr(JsonObject) doc = NULL;
      g_autofree char *put = NULL;

      if (before == NULL)
        {
          if (!gd_store_delete (store, doc_id, actor, error))
            return FALSE;
          continue;
        }
      if ((doc = gd_json_parse_object (before, -1, error)) == NULL
          || (put = gd_store_put (store, doc, actor, NULL, error)) == NULL)
        {
          g_prefix_error (error, "%s: ", doc_id);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
gd_import_undo (GdStore    *store,
                gint64      id,
                const char *actor,
                GError    **error)
{
  g_autoptr(GdImportBatch) batch = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autofree char *detail = NULL;

  g_return_val_if_fail (store != NULL && actor != NULL, FALSE);

  if (!gd_store_begin (store, error))
    return FALSE;
  if ((batch = gd_import_get_batch (store, id, error)) == NULL)
    goto failed;
  if (batch->undone_at != NULL)
    {
      /* Translators: the import's number, when and by whom it was undone */
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("import %lld was undone already (%s by %s)"),
                   (long long) id, batch->undone_at, batch->undone_by ? batch->undone_by : "?");
      goto failed;
    }
  if ((changed = find_changed (store, id, error)) == NULL)
    goto failed;
  if (changed->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_printf (message,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "import %lld cannot be undone: %u record it wrote was changed since",
                                    "import %lld cannot be undone: %u records it wrote were changed since",
                                    changed->len),
                       (long long) id, changed->len);
      for (guint i = 0; i < changed->len; i++)
        g_string_append_printf (message, "\n%s", (const char *) g_ptr_array_index (changed, i));
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, message->str);
      goto failed;
    }
  if (!undo_changes (store, id, actor, error))
    goto failed;
  {
    g_autoptr(GdStmt) mark = gd_store_prepare (store,
      "UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?", error);

    if (mark == NULL)
      goto failed;
    gd_store_bind_text (mark, 1, now);
    gd_store_bind_text (mark, 2, actor);
    sqlite3_bind_int64 (mark, 3, id);
    if (!gd_store_step_done (store, mark, N_("recording the undo"), error))
      goto failed;
  }
  detail = g_strdup_printf ("undo import %lld (%s from %s): %u created deleted, %u updated restored",
                            (long long) id, batch->kind, batch->source ? batch->source : "a sheet",
                            batch->created, batch->updated);
  if (!gd_store_audit (store, actor, "import-undo", NULL, detail, error))
    goto failed;
  return gd_store_commit (store, error);

failed:
  gd_store_rollback (store);
  return FALSE;
}
