/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl audit: the audit log as an administrator reads it, filtered (gd-audit.h),
 * newest first, or written to a CSV file (-o); `check` verifies its chain. */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>

#include "gd-audit.h"
#include "gd-ctl-private.h"

static JsonObject *
entry_to_json (const GdAuditEntry *entry)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", entry->id);
  json_object_set_string_member (object, "at", entry->at);
  json_object_set_string_member (object, "actor", entry->actor);
  json_object_set_string_member (object, "action", entry->action);
  json_object_set_string_member (object, "record", entry->doc_id);
  json_object_set_string_member (object, "hash_before", entry->hash_before);
  json_object_set_string_member (object, "hash_after", entry->hash_after);
  json_object_set_string_member (object, "detail", entry->detail);
  return object;
}

int
gd_ctl_audit (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- read the audit log");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *action = NULL;
  g_autofree char *record = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  int limit = 0;
  gboolean json = FALSE;
  GdAuditFilter filter;
  const GOptionEntry entries_options[] = {
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor, "Only this operator's entries", "NAME" },
    { "action", 0, 0, G_OPTION_ARG_STRING, &action, "Only this action (account- for every account change)", "ACTION" },
    { "record", 0, 0, G_OPTION_ARG_STRING, &record, "Only this record (household:…, account:NAME)", "ID" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "From this day (China time)", "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "To this day, inclusive", "YYYY-MM-DD" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N entries", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON array", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the entries to this CSV file (audited)", "FILE.csv" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries_options, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 1 || limit < 0)
    return gd_ctl_usage ("audit takes options only, and a --limit of 0 or more");
  filter = (GdAuditFilter) { .actor = actor, .action = action, .doc_id = record, .from = from,
                             .to = to, .limit = (guint) limit };
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);
  if (output != NULL)
    {
      guint written = 0;

      if (!g_str_has_suffix (output, ".csv"))
        return gd_ctl_usage ("audit -o needs a FILE.csv");
      if (!gd_store_export_audit (store, &filter, gd_ctl_operator (NULL), output, &written, &error))
        return gd_ctl_fail (error);
      printf ("%u entries written to %s\n", written, output);
      return 0;
    }
  if ((entries = gd_store_find_audit (store, &filter, &error)) == NULL)
    return gd_ctl_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < entries->len; i++)
        json_array_add_object_element (array, entry_to_json (entries->pdata[i]));
      json_node_take_array (node, array);
      gd_ctl_print_json (node, TRUE);
      return 0;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const GdAuditEntry *entry = entries->pdata[i];

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", entry->id, entry->at, entry->actor,
              entry->action, entry->doc_id ? entry->doc_id : "-",
              entry->detail ? entry->detail : "");
    }
  return 0;
}
