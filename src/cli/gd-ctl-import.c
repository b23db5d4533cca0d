/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl import household|incident|organisation FILE, import --list, import --undo ID */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>

#include "gd-ctl-private.h"
#include "gd-import-errors.h"
#include "gd-import.h"

#define MAX_NOTES 20

static void
print_report (GdImportReport *report,
              GdImportType    type,
              gboolean        dry_run,
              gboolean        ok,
              gboolean        json)
{
  const char *prefix = !ok ? "refused, nothing written: " : dry_run ? "dry run: " : "";

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, dry_run);
      json_builder_set_member_name (builder, "imported");
      json_builder_add_boolean_value (builder, ok && !dry_run);
      json_builder_set_member_name (builder, "batch");
      json_builder_add_int_value (builder, report->batch);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, report->rows);
      json_builder_set_member_name (builder, type == GD_IMPORT_HOUSEHOLD ? "new_households"
                                             : type == GD_IMPORT_ORGANISATION ? "new_organisations"
                                             : "new_incidents");
      json_builder_add_int_value (builder, report->new_households);
      if (type == GD_IMPORT_ORGANISATION)
        {
          json_builder_set_member_name (builder, "updated_organisations");
          json_builder_add_int_value (builder, report->updated_households);
          json_builder_set_member_name (builder, "unchanged_organisations");
          json_builder_add_int_value (builder, report->unchanged_households);
        }
      if (type == GD_IMPORT_HOUSEHOLD)
        {
          json_builder_set_member_name (builder, "updated_households");
          json_builder_add_int_value (builder, report->updated_households);
          json_builder_set_member_name (builder, "unchanged_households");
          json_builder_add_int_value (builder, report->unchanged_households);
          json_builder_set_member_name (builder, "new_persons");
          json_builder_add_int_value (builder, report->new_persons);
          json_builder_set_member_name (builder, "updated_persons");
          json_builder_add_int_value (builder, report->updated_persons);
        }
      json_builder_set_member_name (builder, "refused_rows");
      json_builder_add_int_value (builder, report->refused_rows);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->problems->len; i++)
        {
          GdImportProblem *problem = g_ptr_array_index (report->problems, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "row");
          json_builder_add_int_value (builder, problem->row);
          json_builder_set_member_name (builder, "column");
          json_builder_add_string_value (builder, problem->column);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, problem->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "notes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->notes->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (report->notes, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      gd_ctl_print_json (node, FALSE);
      return;
    }

  /* every problem is listed; notes (updates of registered persons) are many on a second
   * import: the first ones and a count (--json has them all) */
  for (guint i = 0; i < MIN (report->notes->len, MAX_NOTES); i++)
    printf ("%s\n", (const char *) g_ptr_array_index (report->notes, i));
  if (report->notes->len > MAX_NOTES)
    printf ("... and %u more like these (--json lists them all)\n", report->notes->len - MAX_NOTES);
  for (guint i = 0; i < report->problems->len; i++)
    {
      g_autofree char *line = gd_import_problem_to_string (g_ptr_array_index (report->problems, i));
      fprintf (stderr, "%s\n", line);
    }
  if (type == GD_IMPORT_HOUSEHOLD)
    printf ("%s%u rows: %u new households, %u updated households, %u unchanged households, "
            "%u new persons, %u updated persons, %u refused rows\n",
            prefix, report->rows, report->new_households, report->updated_households,
            report->unchanged_households, report->new_persons, report->updated_persons,
            report->refused_rows);
  else if (type == GD_IMPORT_ORGANISATION)
    printf ("%s%u rows: %u new organisations, %u updated organisations, %u unchanged "
            "organisations, %u refused rows\n", prefix, report->rows, report->new_households,
            report->updated_households, report->unchanged_households, report->refused_rows);
  else
    printf ("%s%u rows: %u new incidents, %u imported before, %u refused rows\n", prefix,
            report->rows, report->new_households, report->unchanged_households,
            report->refused_rows);
  if (report->batch > 0)
    printf ("import %" G_GINT64_FORMAT " (griddesk-ctl import --undo %" G_GINT64_FORMAT " undoes it)\n",
            report->batch, report->batch);
}

static int
list_batches (GdCtl *ctl, gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) batches = NULL;

  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (batches = gd_import_list_batches (store, 0, &error)) == NULL)
    return gd_ctl_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < batches->len; i++)
        {
          GdImportBatch *batch = g_ptr_array_index (batches, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, batch->id);
          json_builder_set_member_name (builder, "at");
          json_builder_add_string_value (builder, batch->at);
          json_builder_set_member_name (builder, "actor");
          json_builder_add_string_value (builder, batch->actor);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, batch->kind);
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, batch->source);
          json_builder_set_member_name (builder, "created");
          json_builder_add_int_value (builder, batch->created);
          json_builder_set_member_name (builder, "updated");
          json_builder_add_int_value (builder, batch->updated);
          json_builder_set_member_name (builder, "undone_at");
          json_builder_add_string_value (builder, batch->undone_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      gd_ctl_print_json (node, FALSE);
      return 0;
    }
  for (guint i = 0; i < batches->len; i++)
    {
      GdImportBatch *batch = g_ptr_array_index (batches, i);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%u created, %u updated%s%s\n", batch->id,
              batch->at, batch->actor, batch->kind, batch->source ? batch->source : "-",
              batch->created, batch->updated, batch->undone_at ? "\tundone " : "",
              batch->undone_at ? batch->undone_at : "");
    }
  return 0;
}

static int
undo_batch (GdCtl *ctl, const char *text, const char *by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  char *end = NULL;
  gint64 id = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || id <= 0)
    return gd_ctl_usage ("--undo needs the number of an import (see import --list)");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || !gd_import_undo (store, id, gd_ctl_operator (by), &error))
    return gd_ctl_fail (error);
  printf ("import %" G_GINT64_FORMAT " undone\n", id);
  return 0;
}

int
gd_ctl_import (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("household|incident|organisation FILE - import a workbook or CSV file");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdTable) table = NULL;
  g_autoptr(GdImportMapping) mapping = NULL;
  g_autoptr(GdImportReport) report = gd_import_report_new ();
  g_autofree char *sheet = NULL;
  g_autofree char *mapping_path = NULL;
  g_autofree char *encoding_name = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *by = NULL;
  g_autofree char *errors_path = NULL;
  g_autofree char *undo = NULL;
  gboolean list = FALSE;
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  GdCsvEncoding encoding;
  GdImportType type;
  GdImportOptions options = { 0 };
  gboolean ok;
  const GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, "The workbook's sheet (default: the first)", "NAME" },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_path, "Column mapping overrides (JSON)", "FILE.json" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name, "CSV encoding: auto, utf-8 or gb18030", "ENC" },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, "Grid for rows without one", "CODE" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, "Check and count, write nothing", NULL },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Operator name for the audit log", "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the report as JSON", NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "List the imports (change sets), newest first", NULL },
    { "undo", 0, 0, G_OPTION_ARG_STRING, &undo, "Undo import ID as a whole", "ID" },
    { "errors", 0, 0, G_OPTION_ARG_FILENAME, &errors_path,
      "When refused, write the rows with a column of problems here (.xlsx or .csv)", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if ((list || undo != NULL) && argc != 1)
    return gd_ctl_usage ("import --list and --undo take no TYPE or FILE");
  if (list && undo != NULL)
    return gd_ctl_usage ("import: --list or --undo, not both");
  if (list)
    return list_batches (ctl, json);
  if (undo != NULL)
    return undo_batch (ctl, undo, by);
  if (argc != 3)
    return gd_ctl_usage ("import needs TYPE (household, incident or organisation) and FILE");
  if (!gd_csv_encoding_parse (encoding_name, &encoding, &error)
      || !gd_import_type_parse (argv[1], &type, &error)
      || (table = gd_import_read_file (argv[2], sheet, encoding, &error)) == NULL
      || (mapping = gd_import_mapping_guess (type, table, &error)) == NULL)
    return gd_ctl_fail (error);
  if (mapping_path != NULL)
    {
      gsize length;
      g_autofree char *text = gd_ctl_read_input (mapping_path, &length, &error);

      if (text == NULL || !gd_import_mapping_load (mapping, text, length, &error))
        return gd_ctl_fail (error);
    }
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);

  options.dry_run = dry_run;
  options.actor = gd_ctl_operator (by);
  options.default_grid = grid;
  options.source = argv[2];
  ok = gd_import_run (store, table, mapping, &options, report, &error);
  print_report (report, type, dry_run, ok, json);
  if (!ok && errors_path != NULL && report->problems->len > 0)
    {
      g_autoptr(GError) write_error = NULL;

      if (!gd_import_write_errors (table, mapping, report, errors_path, encoding, &write_error))
        fprintf (stderr, "griddesk-ctl: %s\n", write_error->message);
      else
        fprintf (stderr, "the rows and their problems are in %s\n", errors_path);
    }
  if (!ok)
    return gd_ctl_fail (error);
  return 0;
}
