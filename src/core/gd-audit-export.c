/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit viewer's export: the filtered entries as CSV (RFC 4180, UTF-8 with a byte order
 * mark so spreadsheet programs read Chinese right), written 0600 and renamed into place, and
 * the export itself audited. XLSX once the import/export work lands. */
#define G_LOG_DOMAIN "gd-audit"
#include "config.h"

#include <string.h>

#include "gd-audit.h"
#include "gd-error.h"
#include "gd-private-file.h"

static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  if (value != NULL && strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (value != NULL)
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

char *
gd_audit_entries_to_csv (GPtrArray *entries)
{
  GString *out = g_string_new ("\xef\xbb\xbf" "id,at,actor,action,record,detail,hash_before,hash_after\r\n");

  g_return_val_if_fail (entries != NULL, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      const GdAuditEntry *entry = entries->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);

      append_field (out, id, FALSE);
      append_field (out, entry->at, FALSE);
      append_field (out, entry->actor, FALSE);
      append_field (out, entry->action, FALSE);
      append_field (out, entry->doc_id, FALSE);
      append_field (out, entry->detail, FALSE);
      append_field (out, entry->hash_before, FALSE);
      append_field (out, entry->hash_after, TRUE);
    }
  return g_string_free (out, FALSE);
}

gboolean
gd_store_export_audit (GdStore             *store,
                       const GdAuditFilter *filter,
                       const char          *actor,
                       const char          *path,
                       guint               *n_written,
                       GError             **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((entries = gd_store_find_audit (store, filter, error)) == NULL)
    return FALSE;
  csv = gd_audit_entries_to_csv (entries);
  if ((temp = gd_private_file_begin (path, error)) == NULL)
    return FALSE;
  /* in place: the temporary is already 0600, a new file would take the umask's mode */
  if (!g_file_set_contents_full (temp, csv, -1, G_FILE_SET_CONTENTS_NONE, 0600, error))
    {
      gd_private_file_abort (temp);
      return FALSE;
    }
  detail = g_strdup_printf ("audit log: %u entries to %s", entries->len, path);
  if (!gd_store_audit (store, actor, GD_AUDIT_EXPORT, NULL, detail, error))
    {
      gd_private_file_abort (temp);
      return FALSE;
    }
  if (!gd_private_file_commit (temp, path, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = entries->len;
  return TRUE;
}
