/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl init, put, get, list, delete */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gd-ctl-private.h"
#include "gd-organisation.h"
#include "gd-json.h"
#include "gd-limits.h"
#include "gd-mask.h"

int
gd_ctl_init (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- create a village database");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *village = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, "12-digit village (or 9-digit town) code", "CODE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Its name", "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (village == NULL || name == NULL)
    return gd_ctl_usage ("init needs --village CODE and --name NAME");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || !gd_store_init_scope (store, village, name, gd_ctl_operator (NULL), &error))
    return gd_ctl_fail (error);
  printf ("%s %s\n", village, name);
  return 0;
}

/* TYPE as the command line names it; unknown types are bad input, not usage. */
static gboolean
parse_type (const char *name,
            GdDocType  *type,
            GError    **error)
{
  *type = gd_doc_type_from_string (name);
  if (*type != GD_DOC_UNKNOWN)
    return TRUE;
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
               "type: unknown type '%s' (expected grid, household, incident, dispute, patrol, "
               "component or mediator)", name);
  return FALSE;
}

/* "household:abc" or just "abc" for `get household abc` */
static char *
full_id (GdDocType   type,
         const char *id)
{
  if (strchr (id, ':') != NULL)
    return g_strdup (id);
  return g_strdup_printf ("%s:%s", gd_doc_type_to_string (type), id);
}

static gboolean
check_id_type (GdDocType   type,
               const char *id,
               GError    **error)
{
  const char *name = gd_doc_type_to_string (type);
  gsize length = strlen (name);

  if (strncmp (id, name, length) == 0 && id[length] == ':')
    return TRUE;
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "_id: %s is not a %s", id, name);
  return FALSE;
}

static void
print_warnings (GdIssues *issues)
{
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      if (issue->severity == GD_ISSUE_WARNING)
        fprintf (stderr, "warning: %s: %s\n", issue->path, issue->message);
    }
}

int
gd_ctl_put (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("TYPE [FILE|-] - create or update a document");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *by = NULL;
  const char *declared;
  GdDocType type;
  gsize length;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Not recorded: the signed-in operator is (use --as NAME before the command)", "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc < 2 || argc > 3)
    return gd_ctl_usage ("put needs TYPE and optionally FILE (or - for standard input)");
  if (!parse_type (argv[1], &type, &error)
      || (text = gd_ctl_read_input (argc == 3 ? argv[2] : NULL, &length, &error)) == NULL
      || !gd_limits_check_text_size (length, &error)
      || (doc = gd_json_parse_object (text, (gssize) length, &error)) == NULL)
    return gd_ctl_fail (error);

  declared = gd_json_get_string (doc, "type");
  if (declared != NULL && !g_str_equal (declared, argv[1]))
    {
      g_set_error (&error, GD_ERROR, GD_ERROR_INVALID,
                   "type: the document is a '%s' but the command says '%s'", declared, argv[1]);
      return gd_ctl_fail (error);
    }
  json_object_set_string_member (doc, "type", argv[1]);

  if ((store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);
  id = gd_store_put (store, doc, gd_ctl_operator (by), issues, &error);
  print_warnings (issues);
  if (id == NULL)
    return gd_ctl_fail (error);
  printf ("%s\n", id);
  return 0;
}

int
gd_ctl_get (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("TYPE ID - print a document");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *id = NULL;
  GdDocType type;

  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 3)
    return gd_ctl_usage ("get needs TYPE and ID");
  if (!parse_type (argv[1], &type, &error))
    return gd_ctl_fail (error);
  id = full_id (type, argv[2]);
  if (!check_id_type (type, id, &error)
      || (store = gd_ctl_open_store (ctl, &error)) == NULL
      || (doc = gd_store_get (store, id, &error)) == NULL)
    return gd_ctl_fail (error);
  /* the whole document, personal numbers included: that read is on the record */
  if (type == GD_DOC_HOUSEHOLD || type == GD_DOC_DISPUTE)
    gd_store_audit (store, gd_ctl_operator (NULL), "read", id, "griddesk-ctl get", NULL);
  json_node_set_object (node, doc);
  gd_ctl_print_json (node, TRUE);
  return 0;
}

static const char *
head_of (JsonObject *household)
{
  JsonArray *members = gd_json_get_array (household, "members");

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      if (g_strcmp0 (gd_json_get_string (member, "relation"), "02") == 0)
        return gd_json_get_string (member, "name");
    }
  return NULL;
}

/* One line per document for people: id, then three telling members per type
 * ("@head" stands for the household head's name). */
static const struct {
  GdDocType   type;
  const char *members[3];
} row_columns[] = {
  { GD_DOC_GRID, { "code", "level", "name" } },
  { GD_DOC_HOUSEHOLD, { "number", "@head", "address" } },
  { GD_DOC_INCIDENT, { "number", "status", "title" } },
  { GD_DOC_DISPUTE, { "number", "status", "summary" } },
  { GD_DOC_PATROL, { "started_at", "kind", "patroller" } },
  { GD_DOC_COMPONENT, { "code", "state", "name" } },
  { GD_DOC_MEDIATOR, { "name", "kind", "room" } },
  { GD_DOC_ORGANISATION, { "name", "premises", "status" } },
};

static void
print_row (GdDocType   type,
           JsonObject *doc)
{
  printf ("%s", gd_json_get_string (doc, "_id"));
  for (guint i = 0; i < G_N_ELEMENTS (row_columns); i++)
    {
      if (row_columns[i].type != type)
        continue;
      for (guint c = 0; c < 3; c++)
        {
          const char *member = row_columns[i].members[c];
          const char *value = g_str_equal (member, "@head") ? head_of (doc)
                                                              : gd_json_get_string (doc, member);
          printf ("\t%s", value ? value : "-");
        }
    }
  printf ("\n");
}

int
gd_ctl_list (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("TYPE - list documents");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *status = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *premises = NULL;
  g_autofree char *risk = NULL;
  g_autofree char *overdue_on = NULL;
  int limit = 0;
  gboolean json = FALSE;
  gboolean reveal = FALSE;
  GdListQuery query = { 0 };
  const GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, "Only under this town, village or grid code", "CODE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, "Only incidents, disputes or organisations in this status", "S" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "Organisations of this kind (organisation-kinds)", "KIND" },
    { "premises", 0, 0, G_OPTION_ARG_STRING, &premises, "Organisations of this premises category or group", "CODE" },
    { "risk", 0, 0, G_OPTION_ARG_STRING, &risk, "Organisations at this risk level", "LEVEL" },
    { "overdue-on", 0, 0, G_OPTION_ARG_STRING, &overdue_on, "Organisations with a hazard to be rectified before this day", "YYYY-MM-DD" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N documents", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array of the documents", NULL },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &reveal, "Show ID and phone numbers unmasked (audit-logged)", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    return gd_ctl_usage ("list needs TYPE");
  if (limit < 0)
    return gd_ctl_usage ("--limit must not be negative");
  if (!parse_type (argv[1], &query.type, &error))
    return gd_ctl_fail (error);
  if (query.type != GD_DOC_ORGANISATION
      && (kind != NULL || premises != NULL || risk != NULL || overdue_on != NULL))
    return gd_ctl_usage ("--kind, --premises, --risk and --overdue-on filter organisations only");
  if (overdue_on != NULL && !g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}$", overdue_on, 0, 0))
    return gd_ctl_usage ("--overdue-on needs a date YYYY-MM-DD");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);

  query.grid = grid;
  query.status = status;
  query.limit = (guint) limit;
  if (query.type == GD_DOC_ORGANISATION)
    {
      GdOrganisationQuery filters = { grid, kind, premises, risk, status, overdue_on, (guint) limit };
      docs = gd_store_list_organisations (store, &filters, &error);
    }
  else
    docs = gd_store_list (store, &query, &error);
  if (docs == NULL)
    return gd_ctl_fail (error);
  if (reveal)
    {
      g_autofree char *detail = g_strdup_printf ("griddesk-ctl list %s --reveal (%u documents)",
                                                 argv[1], docs->len);
      if (!gd_ctl_audit_reveal (store, detail, &error))
        return gd_ctl_fail (error);
    }

  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (docs->len);

      for (guint i = 0; i < docs->len; i++)
        {
          /* lists show personal numbers masked unless --reveal, which is audit-logged */
          if (!reveal)
            gd_mask_document (docs->pdata[i]);
          json_array_add_object_element (array, json_object_ref (docs->pdata[i]));
        }
      json_node_take_array (node, array);
      gd_ctl_print_json (node, FALSE);
      return 0;
    }
  for (guint i = 0; i < docs->len; i++)
    print_row (query.type, docs->pdata[i]);
  return 0;
}

int
gd_ctl_delete (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("TYPE ID - delete a document");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *id = NULL;
  g_autofree char *by = NULL;
  GdDocType type;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Not recorded: the signed-in operator is (use --as NAME before the command)", "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 3)
    return gd_ctl_usage ("delete needs TYPE and ID");
  if (!parse_type (argv[1], &type, &error))
    return gd_ctl_fail (error);
  id = full_id (type, argv[2]);
  if (!check_id_type (type, id, &error)
      || (store = gd_ctl_open_store (ctl, &error)) == NULL
      || !gd_store_delete (store, id, gd_ctl_operator (by), &error))
    return gd_ctl_fail (error);
  printf ("%s deleted\n", id);
  return 0;
}
