/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store-attachments"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-store-attachments.h"
#include "gd-store-private.h"

/* Attachments: the bytes in the `attachments` table, the stub in the document. Every
 * change rewrites the document through gd_store_put(), so validation, the audit log and
 * the sync outbox see it like any other edit. */

/* Photos of incidents are shown and sent to the county platform: only the two formats
 * every viewer and the platform read. */
static const char *const incident_types[] = { "image/jpeg", "image/png", NULL };

char *
gd_attachment_digest (GBytes *data)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_MD5);
  guint8 digest[16];
  gsize length = sizeof digest;
  g_autofree char *base64 = NULL;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  g_checksum_update (checksum, bytes, size);
  g_checksum_get_digest (checksum, digest, &length);
  base64 = g_base64_encode (digest, length);
  return g_strconcat ("md5-", base64, NULL);
}

static gboolean
check_name (const char *name,
            GError    **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, _("an attachment needs a name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > 200
      || name[0] == '_' || strpbrk (name, "/\\\n\r\t") != NULL)
    {
      /* Translators: an attachment's file name */
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("“%s” cannot be an attachment name (no leading “_”, no slashes or line "
                     "breaks, at most 200 characters)"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bytes_start_with (GBytes       *data,
                  const guint8 *magic,
                  gsize         length)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  return size >= length && memcmp (bytes, magic, length) == 0;
}

/* What the document's type allows; incidents take JPEG and PNG whose bytes say so. */
static gboolean
check_content (JsonObject *doc,
               const char *name,
               const char *content_type,
               GBytes     *data,
               GError    **error)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff };
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (content_type == NULL || *content_type == '\0')
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("attachment “%s” needs a content type"), name);
      return FALSE;
    }
  if (g_bytes_get_size (data) > GD_ATTACHMENT_MAX_LENGTH)
    {
      /* Translators: a file name, then the limit in MB */
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("attachment “%s” is larger than %d MB"), name,
                   GD_ATTACHMENT_MAX_LENGTH / (1024 * 1024));
      return FALSE;
    }
  if (g_strcmp0 (gd_json_get_string (doc, "type"), "incident") != 0)
    return TRUE;
  if (!g_strv_contains (incident_types, content_type))
    {
      /* Translators: a file name, then a MIME type such as application/pdf */
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("“%s” is %s: incidents take only JPEG (image/jpeg) or PNG (image/png) "
                     "photos"), name, content_type);
      return FALSE;
    }
  if (g_str_equal (content_type, "image/jpeg") ? !bytes_start_with (data, jpeg, sizeof jpeg)
                                               : !bytes_start_with (data, png, sizeof png))
    {
      /* Translators: a file name, then a MIME type */
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("“%s” is not really %s: its contents are of another kind or damaged"),
                   name, content_type);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
stub_new (const char *content_type,
          GBytes     *data,
          const char *digest)
{
  JsonObject *stub = json_object_new ();

  json_object_set_string_member (stub, "content_type", content_type);
  json_object_set_string_member (stub, "digest", digest);
  json_object_set_int_member (stub, "length", (gint64) g_bytes_get_size (data));
  json_object_set_boolean_member (stub, "stub", TRUE);
  return stub;
}

/* Writes the document back through the one write path, then notes the attachment. */
static gboolean
put_document (GdStore    *store,
              JsonObject *doc,
              const char *actor,
              const char *action,
              const char *name,
              GError    **error)
{
  g_autofree char *id = gd_store_put (store, doc, actor, NULL, error);

  return id != NULL && gd_store_audit (store, actor, action, id, name, error);
}

gboolean
gd_store_put_attachment (GdStore    *store,
                         const char *doc_id,
                         const char *name,
                         const char *content_type,
                         GBytes     *data,
                         const char *actor,
                         GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GdStmt) stmt = NULL;
  g_autofree char *digest = NULL;
  JsonObject *attachments;
  gboolean own;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (actor != NULL && *actor != '\0', FALSE);

  if (!check_name (name, error))
    return FALSE;
  if (!gd_store_group_begin (store, "gd_attach", &own, error))
    return FALSE;

  doc = gd_store_get (store, doc_id, error);
  ok = doc != NULL && check_content (doc, name, content_type, data, error);
  if (ok)
    {
      gsize size;
      gconstpointer bytes = g_bytes_get_data (data, &size);

      digest = gd_attachment_digest (data);
      stmt = gd_store_prepare (store,
        "INSERT INTO attachments (doc_id, name, content_type, digest, length, data) "
        "VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (doc_id, name) DO UPDATE SET content_type = excluded.content_type, "
        "  digest = excluded.digest, length = excluded.length, data = excluded.data", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, content_type, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, digest, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 5, (sqlite3_int64) size);
          /* a zero-length blob must still be a blob, not NULL */
          sqlite3_bind_blob64 (stmt, 6, size > 0 ? bytes : "", size, SQLITE_STATIC);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
          if (!ok)
            gd_store_set_sql_error (store, error, _("writing an attachment"));
        }
    }
  if (ok)
    {
      attachments = gd_json_get_object (doc, "_attachments");
      if (attachments == NULL)
        {
          attachments = json_object_new ();
          json_object_set_object_member (doc, "_attachments", attachments);
        }
      json_object_set_object_member (attachments, name, stub_new (content_type, data, digest));
      ok = put_document (store, doc, actor, "attach", name, error);
    }
  return gd_store_group_end (store, "gd_attach", own, ok, ok ? error : NULL);
}

GBytes *
gd_store_get_attachment (GdStore    *store,
                         const char *doc_id,
                         const char *name,
                         char      **out_content_type,
                         GError    **error)
{
  g_autoptr(GdStmt) stmt = NULL;
  const void *blob;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (doc_id != NULL && name != NULL, NULL);

  stmt = gd_store_prepare (store,
    "SELECT content_type, data FROM attachments WHERE doc_id = ? AND name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      /* Translators: an attachment's name, then a document id */
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("%s has no attachment “%s”"),
                   doc_id, name);
      return NULL;
    }
  if (out_content_type != NULL)
    *out_content_type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  blob = sqlite3_column_blob (stmt, 1);
  return g_bytes_new (blob, (gsize) sqlite3_column_bytes (stmt, 1));
}

gboolean
gd_store_delete_attachment (GdStore    *store,
                            const char *doc_id,
                            const char *name,
                            const char *actor,
                            GError    **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GdStmt) stmt = NULL;
  JsonObject *attachments;
  gboolean own;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (doc_id != NULL && name != NULL, FALSE);
  g_return_val_if_fail (actor != NULL && *actor != '\0', FALSE);

  if (!gd_store_group_begin (store, "gd_attach", &own, error))
    return FALSE;
  doc = gd_store_get (store, doc_id, error);
  ok = doc != NULL;
  if (ok)
    {
      stmt = gd_store_prepare (store,
        "DELETE FROM attachments WHERE doc_id = ? AND name = ?", error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        gd_store_set_sql_error (store, error, _("removing an attachment"));
    }
  attachments = ok ? gd_json_get_object (doc, "_attachments") : NULL;
  if (ok && (sqlite3_changes (gd_store_get_db (store)) == 0 || attachments == NULL
             || !json_object_has_member (attachments, name)))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("%s has no attachment “%s”"),
                   doc_id, name);
      ok = FALSE;
    }
  if (ok)
    {
      json_object_remove_member (attachments, name);
      if (json_object_get_size (attachments) == 0)
        json_object_remove_member (doc, "_attachments");
      ok = put_document (store, doc, actor, "detach", name, error);
    }
  return gd_store_group_end (store, "gd_attach", own, ok, ok ? error : NULL);
}

GPtrArray *
gd_store_list_attachments (GdStore    *store,
                           const char *doc_id,
                           GError    **error)
{
  g_autoptr(GdStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (doc_id != NULL, NULL);

  stmt = gd_store_prepare (store,
    "SELECT name FROM attachments WHERE doc_id = ? ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("reading attachments"));
      return NULL;
    }
  return g_steal_pointer (&names);
}
