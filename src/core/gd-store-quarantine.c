/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store-quarantine"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-codes.h"
#include "gd-json.h"
#include "gd-store-private.h"
#include "gd-store-quarantine.h"

void
gd_sync_quarantined_free (GdSyncQuarantined *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->doc_id);
  g_free (entry->rev);
  g_free (entry->reason);
  g_free (entry->body);
  g_free (entry->codes_version);
  g_free (entry->quarantined_at);
  g_free (entry);
}

static gboolean
is_unsafe_char (gunichar c)
{
  /* controls (terminal escapes, C1), and the bidirectional overrides that reorder a line */
  return g_unichar_iscntrl (c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200E || c == 0x200F || c == 0x061C;
}

char *
gd_sync_escape_text (const char *text,
                      gsize       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  gsize n = 0;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars > 0 && n >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (is_unsafe_char (c))
        g_string_append_printf (out, c < 0x100 ? "\\x%02X" : "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

const char *
gd_store_sync_codes_version (void)
{
  static gsize version;

  if (g_once_init_enter (&version))
    {
      g_auto(GStrv) lists = gd_codes_list_names ();
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      char *text;

      for (guint i = 0; lists[i] != NULL; i++)
        {
          GdCodeTable *table = gd_codes_get (lists[i]);
          const char *one = table ? gd_code_table_get_version (table) : "";

          g_checksum_update (sum, (const guchar *) lists[i], -1);
          g_checksum_update (sum, (const guchar *) "=", 1);
          g_checksum_update (sum, (const guchar *) one, -1);
          g_checksum_update (sum, (const guchar *) ";", 1);
        }
      text = g_strndup (g_checksum_get_string (sum), 16);
      g_once_init_leave (&version, (gsize) text);
    }
  return (const char *) version;
}

gboolean
gd_store_sync_quarantine (GdStore    *store,
                          const char *doc_id,
                          const char *rev,
                          const char *reason,
                          const char *body,
                          GError    **error)
{
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT OR REPLACE INTO sync_quarantine "
    "(doc_id, rev, reason, body, codes_version, quarantined_at) VALUES (?, ?, ?, ?, ?, ?)", error);

  g_return_val_if_fail (doc_id != NULL && reason != NULL, FALSE);
  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, doc_id);
  gd_store_bind_text (stmt, 2, rev);
  gd_store_bind_text (stmt, 3, reason);
  gd_store_bind_text (stmt, 4, body);
  gd_store_bind_text (stmt, 5, gd_store_sync_codes_version ());
  gd_store_bind_text (stmt, 6, now);
  return gd_store_step_done (store, stmt, N_("keeping a refused server document"), error);
}

gboolean
gd_store_sync_release (GdStore    *store,
                       const char *doc_id,
                       GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, "DELETE FROM sync_quarantine WHERE doc_id = ?",
                                             error);

  if (stmt == NULL)
    return FALSE;
  gd_store_bind_text (stmt, 1, doc_id);
  return gd_store_step_done (store, stmt, N_("keeping a refused server document"), error);
}

static GPtrArray *
select_entries (GdStore  *store,
                gboolean  stale,
                GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_sync_quarantined_free);
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT doc_id, rev, reason, body, codes_version, quarantined_at FROM sync_quarantine "
    "WHERE ?1 IS NULL OR (codes_version != ?1 AND body IS NOT NULL) "
    "ORDER BY quarantined_at, doc_id", error);

  if (stmt == NULL)
    return NULL;
  gd_store_bind_text (stmt, 1, stale ? gd_store_sync_codes_version () : NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GdSyncQuarantined *entry = g_new0 (GdSyncQuarantined, 1);
      entry->doc_id = gd_store_column_dup (stmt, 0);
      entry->rev = gd_store_column_dup (stmt, 1);
      entry->reason = gd_store_column_dup (stmt, 2);
      entry->body = gd_store_column_dup (stmt, 3);
      entry->codes_version = gd_store_column_dup (stmt, 4);
      entry->quarantined_at = gd_store_column_dup (stmt, 5);
      g_ptr_array_add (out, entry);
    }
  return g_steal_pointer (&out);
}

GPtrArray *
gd_store_sync_quarantined (GdStore *store,
                           GError **error)
{
  return select_entries (store, FALSE, error);
}

GPtrArray *
gd_store_sync_quarantine_stale (GdStore *store,
                                GError **error)
{
  return select_entries (store, TRUE, error);
}

gboolean
gd_store_sync_has_quarantine (GdStore *store)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, "SELECT 1 FROM sync_quarantine LIMIT 1", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}
