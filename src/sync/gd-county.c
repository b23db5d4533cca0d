/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-county"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-county-resources.h"
#include "gd-county.h"
#include "gd-couch-url.h"
#include "gd-error.h"
#include "gd-json.h"

#define COUNTY_RESOURCES "/cn/griddesk/GridDesk/county/"

static char *
resource_text (const char *name,
               GError    **error)
{
  g_autofree char *path = g_strconcat (COUNTY_RESOURCES, name, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (gd_county_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

JsonObject *
gd_county_design_document (GError **error)
{
  g_autofree char *source = resource_text ("validate_doc_update.js", error);
  JsonObject *doc;
  char *function;

  if (source == NULL)
    return NULL;
  /* the file's leading comment is for people; CouchDB wants the bare function */
  function = g_str_has_prefix (source, "function") ? source : strstr (source, "\nfunction");
  if (function != NULL && *function == '\n')
    function++;
  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", "_design/griddesk");
  json_object_set_string_member (doc, "language", "javascript");
  json_object_set_string_member (doc, "validate_doc_update", function ? function : source);
  return doc;
}

JsonObject *
gd_county_security (const char *village,
                    GError    **error)
{
  g_autofree char *text = resource_text ("security.json", error);
  g_autofree char *town = NULL;
  g_autofree char *county = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  if (text == NULL)
    return NULL;
  town = g_strndup (village, 9);
  county = g_strndup (village, 6);
  parts = g_strsplit (text, "@VILLAGE@", -1);
  joined = g_strjoinv (village, parts);
  g_strfreev (parts);
  parts = g_strsplit (joined, "@TOWN@", -1);
  g_free (joined);
  joined = g_strjoinv (town, parts);
  g_strfreev (parts);
  parts = g_strsplit (joined, "@COUNTY@", -1);
  g_free (joined);
  joined = g_strjoinv (county, parts);
  return gd_json_parse_object (joined, -1, error);
}

char *
gd_county_village_account (const char *village)
{
  return g_strconcat ("village-", village, NULL);
}

/* PUT a document, over the current revision when there is one. */
static gboolean
put_replacing (GdCouch      *couch,
               const char   *path,
               JsonObject   *doc,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  current = gd_couch_request (couch, "GET", path, NULL, &status, cancellable, error);
  if (current == NULL)
    return FALSE;
  if (status == 200 && JSON_NODE_HOLDS_OBJECT (current)
      && gd_json_get_string (json_node_get_object (current), "_rev") != NULL)
    json_object_set_string_member (doc, "_rev", gd_json_get_string (json_node_get_object (current), "_rev"));
  node = gd_json_object_node (doc);
  reply = gd_couch_request (couch, "PUT", path, node, NULL, cancellable, error);
  return reply != NULL;
}

gboolean
gd_county_provision (GdCouch      *couch,
                     const char   *village,
                     const char   *account_password,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autofree char *database = gd_couch_database_name (village);
  g_autofree char *db_path = NULL;
  g_autofree char *design_path = NULL;
  g_autofree char *security_path = NULL;
  g_autofree char *account = NULL;
  g_autofree char *user_path = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonObject) design = NULL;
  g_autoptr(JsonObject) security = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(JsonNode) security_node = NULL;
  g_autoptr(JsonNode) security_reply = NULL;
  JsonArray *roles;
  guint status = 0;

  if (database == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "village: %s is not a 12-digit village code", village);
      return FALSE;
    }
  db_path = g_strconcat ("/", database, NULL);
  created = gd_couch_request (couch, "PUT", db_path, NULL, &status, cancellable, error);
  if (created == NULL)
    return FALSE;
  if (status != 201 && status != 202 && status != 412)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK, _("creating %s: the server answered %u"), database, status);
      return FALSE;
    }

  if ((design = gd_county_design_document (error)) == NULL
      || (security = gd_county_security (village, error)) == NULL)
    return FALSE;
  design_path = g_strconcat (db_path, "/_design/griddesk", NULL);
  if (!put_replacing (couch, design_path, design, cancellable, error))
    return FALSE;
  security_path = g_strconcat (db_path, "/_security", NULL);
  security_node = gd_json_object_node (security);
  security_reply = gd_couch_request (couch, "PUT", security_path, security_node, NULL, cancellable, error);
  if (security_reply == NULL)
    return FALSE;

  account = gd_county_village_account (village);
  user_path = g_strconcat ("/_users/org.couchdb.user:", account, NULL);
  user = json_object_new ();
  json_object_set_string_member (user, "_id", user_path + strlen ("/_users/"));
  json_object_set_string_member (user, "name", account);
  json_object_set_string_member (user, "type", "user");
  json_object_set_string_member (user, "password", account_password);
  roles = json_array_new ();
  json_array_add_string_element (roles, account);
  json_object_set_array_member (user, "roles", roles);
  return put_replacing (couch, user_path, user, cancellable, error);
}
