/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl incident register|feedback, attach, patrol start|visit|finding|end: the
 * closed loop without hand-editing JSON, through the same core calls as the app. */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gd-ctl-private.h"
#include "gd-deadline.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-patrol.h"
#include "gd-store-attachments.h"

/* "abc" -> "incident:abc"; full ids pass */
static char *
typed_id (const char *type,
          const char *id)
{
  if (strchr (id, ':') != NULL)
    return g_strdup (id);
  return g_strconcat (type, ":", id, NULL);
}

static JsonObject *
read_object (const char  *path,
             GError     **error)
{
  gsize length;
  g_autofree char *text = gd_ctl_read_input (path, &length, error);

  return text != NULL ? gd_json_parse_object (text, (gssize) length, error) : NULL;
}

/* incident register [FILE|-] [--deadline RFC3339 --deadline-reason TEXT] */
int
gd_ctl_incident_register (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("register [FILE|-] - register a new incident");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autofree char *deadline = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *by = NULL;
  g_autofree char *id = NULL;
  const GOptionEntry entries[] = {
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, "A deadline other than the rule's (RFC 3339)", "TIME" },
    { "deadline-reason", 0, 0, G_OPTION_ARG_STRING, &reason, "Why the deadline differs", "TEXT" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Operator name", "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc > 2)
    return gd_ctl_usage ("incident register takes one FILE (or - for standard input)");
  if ((doc = read_object (argc == 2 ? argv[1] : NULL, &error)) == NULL
      || (store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);
  id = gd_incident_register (store, doc, rules, deadline, reason, gd_ctl_operator (by), issues, &error);
  if (id == NULL)
    return gd_ctl_fail (error);
  printf ("%s %s %s\n", id, gd_json_get_string (doc, "number"), gd_json_get_string (doc, "deadline"));
  return 0;
}

/* incident feedback ID --satisfaction S [--note TEXT] */
int
gd_ctl_incident_feedback (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("feedback ID - record the resident's feedback");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(JsonObject) incident = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *satisfaction = NULL;
  g_autofree char *note = NULL;
  g_autofree char *by = NULL;
  g_autofree char *id = NULL;
  g_autofree char *at = NULL;
  g_autofree char *saved = NULL;
  JsonObject *feedback;
  const GOptionEntry entries[] = {
    { "satisfaction", 0, 0, G_OPTION_ARG_STRING, &satisfaction, "satisfied, basically or dissatisfied", "S" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "What the resident said", "TEXT" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Operator name", "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 2 || satisfaction == NULL)
    return gd_ctl_usage ("incident feedback needs ID and --satisfaction satisfied|basically|dissatisfied");
  id = typed_id ("incident", argv[1]);
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (incident = gd_store_get (store, id, &error)) == NULL)
    return gd_ctl_fail (error);
  if (!g_str_has_prefix (id, "incident:"))
    {
      g_set_error (&error, GD_ERROR, GD_ERROR_INVALID, "_id: %s is not an incident", id);
      return gd_ctl_fail (error);
    }
  at = gd_timestamp_format (now);
  feedback = json_object_new ();
  json_object_set_string_member (feedback, "at", at);
  json_object_set_string_member (feedback, "by", gd_ctl_operator (by));
  json_object_set_string_member (feedback, "satisfaction", satisfaction);
  if (note != NULL)
    json_object_set_string_member (feedback, "note", note);
  json_object_set_object_member (incident, "feedback", feedback);
  /* the store validates: an unknown satisfaction is refused with the field named */
  if ((saved = gd_store_put (store, incident, gd_ctl_operator (by), NULL, &error)) == NULL)
    return gd_ctl_fail (error);
  printf ("%s %s\n", saved, satisfaction);
  return 0;
}

/* The content type told by the bytes themselves, never by the file name. */
static const char *
sniff_content_type (GBytes *data)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  if (size >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff)
    return "image/jpeg";
  if (size >= 8 && memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 5 && memcmp (bytes, "%PDF-", 5) == 0)
    return "application/pdf";
  return "application/octet-stream";
}

/* attach TYPE ID FILE [--name NAME] */
int
gd_ctl_attach (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("TYPE ID FILE - attach a photo or scan");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Attachment name (default: the file's name)", "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 4)
    return gd_ctl_usage ("attach needs TYPE, ID and FILE");
  if (gd_doc_type_from_string (argv[1]) == GD_DOC_UNKNOWN)
    {
      g_set_error (&error, GD_ERROR, GD_ERROR_INVALID, "type: unknown type '%s'", argv[1]);
      return gd_ctl_fail (error);
    }
  if ((mapped = g_mapped_file_new (argv[3], FALSE, &local)) == NULL)
    {
      g_set_error (&error, GD_ERROR, GD_ERROR_IO, "%s", local->message);
      return gd_ctl_fail (error);
    }
  /* the store refuses larger ones too; this says so before reading them */
  if (g_mapped_file_get_length (mapped) > GD_ATTACHMENT_MAX_LENGTH)
    {
      g_set_error (&error, GD_ERROR, GD_ERROR_INVALID, "%s is larger than %d MB", argv[3],
                   GD_ATTACHMENT_MAX_LENGTH / (1024 * 1024));
      return gd_ctl_fail (error);
    }
  data = g_mapped_file_get_bytes (mapped);
  if (name == NULL)
    name = g_path_get_basename (argv[3]);
  id = typed_id (argv[1], argv[2]);
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || !gd_store_put_attachment (store, id, name, sniff_content_type (data), data,
                                   gd_ctl_operator (NULL), &error))
    return gd_ctl_fail (error);
  printf ("%s %s %s %" G_GSIZE_FORMAT "\n", id, name, sniff_content_type (data), g_bytes_get_size (data));
  return 0;
}

/* patrol start --grid CODE --kind daily|weekly|monthly [--patroller NAME]
 * patrol visit ID HOUSEHOLD_ID
 * patrol finding ID [FILE|-]
 * patrol end ID [--notes TEXT] */
int
gd_ctl_patrol (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("start|visit|finding|end ... - 三查 patrols");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *patroller = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *id = NULL;
  g_autofree char *result = NULL;
  const char *verb;
  const GOptionEntry entries[] = {
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, "start: the grid patrolled", "CODE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "start: daily, weekly or monthly", "KIND" },
    { "patroller", 0, 0, G_OPTION_ARG_STRING, &patroller, "start: who patrols (default: the operator)", "NAME" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, "end: what the patrol found in words", "TEXT" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc < 2)
    return gd_ctl_usage ("patrol needs start, visit, finding or end");
  verb = argv[1];
  if (g_str_equal (verb, "start"))
    {
      if (argc != 2 || grid == NULL || kind == NULL)
        return gd_ctl_usage ("patrol start needs --grid CODE and --kind daily|weekly|monthly");
      if ((store = gd_ctl_open_store (ctl, &error)) == NULL
          || (result = gd_patrol_start (store, grid, kind, patroller ? patroller : gd_ctl_operator (NULL),
                                        NULL, &error)) == NULL)
        return gd_ctl_fail (error);
    }
  else if (g_str_equal (verb, "visit"))
    {
      g_autofree char *household = NULL;

      if (argc != 4)
        return gd_ctl_usage ("patrol visit needs the patrol ID and a household ID");
      id = typed_id ("patrol", argv[2]);
      household = typed_id ("household", argv[3]);
      if ((store = gd_ctl_open_store (ctl, &error)) == NULL
          || !gd_patrol_visit (store, id, household, gd_ctl_operator (NULL), &error))
        return gd_ctl_fail (error);
      result = g_strdup_printf ("%s %s", id, household);
    }
  else if (g_str_equal (verb, "finding"))
    {
      g_autoptr(JsonObject) incident = NULL;
      g_autoptr(GdDeadlineRules) rules = gd_deadline_rules_new_default ();

      if (argc != 3 && argc != 4)
        return gd_ctl_usage ("patrol finding needs the patrol ID and an incident FILE (or -)");
      id = typed_id ("patrol", argv[2]);
      if ((incident = read_object (argc == 4 ? argv[3] : NULL, &error)) == NULL
          || (store = gd_ctl_open_store (ctl, &error)) == NULL
          || (result = gd_patrol_add_finding (store, id, incident, rules, gd_ctl_operator (NULL), &error)) == NULL)
        return gd_ctl_fail (error);
    }
  else if (g_str_equal (verb, "end"))
    {
      if (argc != 3)
        return gd_ctl_usage ("patrol end needs the patrol ID");
      id = typed_id ("patrol", argv[2]);
      if ((store = gd_ctl_open_store (ctl, &error)) == NULL
          || !gd_patrol_end (store, id, notes, NULL, gd_ctl_operator (NULL), &error))
        return gd_ctl_fail (error);
      result = g_strdup_printf ("%s ended", id);
    }
  else
    return gd_ctl_usage ("patrol needs start, visit, finding or end, not '%s'", verb);
  printf ("%s\n", result);
  return 0;
}
