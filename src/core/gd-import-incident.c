/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-deadline.h"
#include "gd-error.h"
#include "gd-import-private.h"
#include "gd-incident-query.h"
#include "gd-json.h"

/* 12345 hotline work orders: one incident per row, registered as the form registers one
 * (number, deadline, first timeline entry). The work order's own number is kept in
 * `external_number`; a work order imported before is not imported again. */

#define TITLE_CHARS 30

/* A category cell: its code, its name, or a sub-class name */
static const char *
match_category (const char *value)
{
  return gd_import_match_code ("incident-categories", value);
}

/* A deadline cell: a date alone means the end of that day */
static char *
parse_deadline (const char *value)
{
  g_autofree char *date = strchr (value, ':') == NULL ? gd_import_parse_date (value) : NULL;
  g_autofree char *end_of_day = NULL;

  if (date == NULL)
    return gd_import_parse_time (value);
  end_of_day = g_strdup_printf ("%s 23:59:59", date);
  return gd_import_parse_time (end_of_day);
}

typedef struct {
  GdStore               *store;
  GdImportMapping       *mapping;
  const GdImportOptions *options;
  GdImportReport        *report;
  GHashTable            *grids;
  GHashTable            *known;
  GdDeadlineRules       *rules;
} Import;

static void
set_text (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

/* "reporter.phone" -> "reporter_phone", "location.address" -> "address" */
static const char *
field_of_path (const char *path)
{
  if (g_str_has_prefix (path, "reporter.name"))
    return "reporter_name";
  if (g_str_has_prefix (path, "reporter.phone"))
    return "reporter_phone";
  if (g_str_has_prefix (path, "location"))
    return "address";
  return path;
}

static gboolean
import_row (Import           *import,
            const GdTableRow *row,
            GError          **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *external = gd_import_cell (import->mapping, row, "external_number");
  g_autofree char *title = gd_import_cell (import->mapping, row, "title");
  g_autofree char *description = gd_import_cell (import->mapping, row, "description");
  g_autofree char *category = gd_import_cell (import->mapping, row, "category");
  g_autofree char *address = gd_import_cell (import->mapping, row, "address");
  g_autofree char *reporter_name = gd_import_cell (import->mapping, row, "reporter_name");
  g_autofree char *reporter_phone = gd_import_cell (import->mapping, row, "reporter_phone");
  g_autofree char *reported_cell = gd_import_cell (import->mapping, row, "reported_at");
  g_autofree char *deadline_cell = gd_import_cell (import->mapping, row, "deadline");
  g_autofree char *urgency_cell = gd_import_cell (import->mapping, row, "urgency");
  g_autofree char *grid_cell = gd_import_cell (import->mapping, row, "grid");
  g_autofree char *grid_message = NULL;
  g_autofree char *reported = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *id = NULL;
  const char *code, *grid;
  guint before = import->report->problems->len;

  if (*external != '\0' && g_hash_table_contains (import->known, external))
    {
      g_autofree char *note = g_strdup_printf (_("row %u: work order %s was imported before as %s"),
                                               row->number, external,
                                               (const char *) g_hash_table_lookup (import->known, external));
      g_ptr_array_add (import->report->notes, g_steal_pointer (&note));
      import->report->unchanged_households++;
      return TRUE;
    }
  if (*external != '\0')
    g_hash_table_insert (import->known, g_strdup (external), g_strdup_printf (_("row %u"), row->number));

  json_object_set_string_member (doc, "type", "incident");
  json_object_set_string_member (doc, "source", "hotline_12345");
  set_text (doc, "external_number", external);
  if (*title == '\0' && *description != '\0')
    {
      /* the first words of the complaint, in characters, never cut inside one */
      g_free (title);
      title = g_utf8_substring (description, 0, MIN (g_utf8_strlen (description, -1), TITLE_CHARS));
    }
  set_text (doc, "title", title);
  set_text (doc, "description", description);
  if (*category != '\0')
    {
      if ((code = match_category (category)) != NULL)
        json_object_set_string_member (doc, "category", code);
      else
        {
          g_autofree char *message = g_strdup_printf (_("'%s' is not an incident category "
                                                        "(by code or Chinese name)"), category);
          gd_import_problem (import->report, import->mapping, row->number, "category", message);
        }
    }
  if (*urgency_cell != '\0')
    {
      if ((code = gd_import_match_code ("urgency", urgency_cell)) != NULL)
        json_object_set_string_member (doc, "urgency", code);
      else
        {
          g_autofree char *message = g_strdup_printf (_("'%s' is not in the %s code list "
                                                        "(by code or Chinese name)"),
                                                      urgency_cell, "urgency");
          gd_import_problem (import->report, import->mapping, row->number, "urgency", message);
        }
    }
  if (*address != '\0')
    {
      JsonObject *location = json_object_new ();
      json_object_set_string_member (location, "address", address);
      json_object_set_object_member (doc, "location", location);
    }
  if (*reporter_name != '\0' || *reporter_phone != '\0')
    {
      JsonObject *reporter = json_object_new ();
      set_text (reporter, "name", reporter_name);
      set_text (reporter, "phone", reporter_phone);
      json_object_set_object_member (doc, "reporter", reporter);
    }
  if (*reported_cell != '\0')
    {
      if ((reported = gd_import_parse_time (reported_cell)) != NULL)
        json_object_set_string_member (doc, "reported_at", reported);
      else
        {
          g_autofree char *message = g_strdup_printf (_("'%s' is not a date and time"), reported_cell);
          gd_import_problem (import->report, import->mapping, row->number, "reported_at", message);
        }
    }
  if (*deadline_cell != '\0' && (deadline = parse_deadline (deadline_cell)) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("'%s' is not a date and time"), deadline_cell);
      gd_import_problem (import->report, import->mapping, row->number, "deadline", message);
    }
  grid = gd_import_resolve_grid (import->grids, grid_cell, import->options, &grid_message);
  if (grid != NULL)
    json_object_set_string_member (doc, "grid", grid);
  else
    gd_import_problem (import->report, import->mapping, row->number, "grid", grid_message);

  if (import->report->problems->len > before)
    {
      /* the rest of the row is still checked, so every problem is listed at once */
      json_object_set_string_member (doc, "number", "-");
      json_object_set_string_member (doc, "status", "registered");
      if (!json_object_has_member (doc, "reported_at"))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autofree char *text = gd_timestamp_format (now);
          json_object_set_string_member (doc, "reported_at", text);
        }
      gd_store_validate (import->store, doc, import->options->actor, issues);
    }
  else if ((id = gd_incident_register (import->store, doc, import->rules, deadline,
                                       deadline != NULL ? _("the deadline of the hotline work order") : NULL,
                                       import->options->actor, issues, &local)) == NULL)
    {
      if (!g_error_matches (local, GD_ERROR, GD_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* refusals outside the fields (a deadline before the call) come as the error alone */
      if (gd_issues_count (issues, GD_ISSUE_ERROR) == 0)
        gd_import_problem (import->report, import->mapping, row->number, "deadline", local->message);
    }
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      g_autofree char *field = NULL;

      if (issue->severity != GD_ISSUE_ERROR)
        continue;
      field = g_strndup (field_of_path (issue->path), strcspn (field_of_path (issue->path), ".["));
      gd_import_problem (import->report, import->mapping, row->number, field, issue->message);
    }
  if (import->report->problems->len == before)
    {
      gd_import_note_change (import->report, id, NULL);
      import->report->new_households++;
    }
  return TRUE;
}

gboolean
gd_import_incidents (GdStore               *store,
                     GdTable               *table,
                     GdImportMapping       *mapping,
                     const GdImportOptions *options,
                     GdImportReport        *report,
                     GError               **error)
{
  g_autoptr(GHashTable) grids = NULL;
  g_autoptr(GHashTable) known = NULL;
  Import import = { store, mapping, options, report };
  gboolean ok = TRUE;
  guint reported = 0;

  if (gd_import_mapping_column (mapping, "description") < 0 && gd_import_mapping_column (mapping, "title") < 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("no column holds what the call was about (诉求内容 or 标题); give one with a "
                     "mapping file"));
      return FALSE;
    }
  if ((grids = gd_import_grid_names (store, error)) == NULL
      || (known = gd_import_index_by (store, GD_DOC_INCIDENT, "external_number", error)) == NULL)
    return FALSE;
  import.grids = grids;
  import.known = known;
  import.rules = gd_deadline_rules_new_default ();
  for (guint i = gd_import_mapping_header_index (mapping) + 1; ok && i < gd_table_get_n_rows (table); i++)
    {
      guint total = gd_table_get_n_rows (table) - gd_import_mapping_header_index (mapping) - 1;

      report->rows++;
      ok = import_row (&import, gd_table_get_row (table, i), error)
           && gd_import_step (options, report->rows, total, &reported, error);
    }
  gd_deadline_rules_free (import.rules);
  return ok;
}
