/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-credit-code.h"
#include "gd-error.h"
#include "gd-import-private.h"
#include "gd-json.h"

/* 单位 · 场所 registers (九小场所 lists, market-supervision extracts): one organisation per
 * row. A credit code already in the register updates that organisation (its inspections,
 * risk and links kept); without a credit code the row is a new organisation. */

typedef struct {
  GdStore               *store;
  GdImportMapping       *mapping;
  const GdImportOptions *options;
  GdImportReport        *report;
  GHashTable            *grids;
  GHashTable            *by_code;   /* credit code of the organisations stored before -> _id */
  GHashTable            *codes_seen; /* credit code -> GUINT row number */
} Import;

/* The kind a credit code's category says (91 企业, 92 个体工商户 …), or NULL. */
static const char *
kind_of_category (const char *category)
{
  GdCodeTable *table = gd_codes_get ("organisation-kinds");

  for (guint i = 0; table != NULL && i < gd_code_table_get_n_items (table); i++)
    {
      const GdCodeItem *item = gd_code_table_get_item (table, i);
      const char *categories = gd_code_item_get_string (item, "credit_categories");
      g_auto(GStrv) list = categories != NULL ? g_strsplit (categories, " ", -1) : NULL;

      if (list != NULL && g_strv_contains ((const char * const *) list, category))
        return item->code;
    }
  return NULL;
}

/* A person object ({name, phone}) from two cells, merged over what is stored. */
static void
set_person (JsonObject *doc,
            const char *member,
            const char *name,
            const char *phone)
{
  JsonObject *person;

  if (*name == '\0' && *phone == '\0')
    return;
  person = gd_json_get_object (doc, member);
  if (person == NULL)
    {
      person = json_object_new ();
      json_object_set_object_member (doc, member, person);
    }
  if (*name != '\0')
    json_object_set_string_member (person, "name", name);
  if (*phone != '\0')
    json_object_set_string_member (person, "phone", phone);
}

/* A coded cell into `member`; a problem when the list knows no such code or name. */
static void
set_code (Import           *import,
          const GdTableRow *row,
          JsonObject       *doc,
          const char       *field,
          const char       *list)
{
  g_autofree char *value = gd_import_cell (import->mapping, row, field);
  const char *code;

  if (*value == '\0')
    return;
  if ((code = gd_import_match_code (list, value)) != NULL)
    json_object_set_string_member (doc, field, code);
  else
    {
      g_autofree char *message = g_strdup_printf (_("'%s' is not in the %s code list "
                                                    "(by code or Chinese name)"), value, list);
      gd_import_problem (import->report, import->mapping, row->number, field, message);
    }
}

/* A number cell (从业人员 12, 面积 85.5); a problem when it is not one. */
static void
set_number (Import           *import,
            const GdTableRow *row,
            JsonObject       *doc,
            const char       *field,
            gboolean          integer)
{
  g_autofree char *value = gd_import_cell (import->mapping, row, field);
  char *end = NULL;
  double number;

  if (*value == '\0')
    return;
  number = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || number < 0 || (integer && number != (gint64) number))
    {
      g_autofree char *message = integer ? g_strdup_printf (_("'%s' is not a whole number"), value)
                                         : g_strdup_printf (_("'%s' is not a number"), value);
      gd_import_problem (import->report, import->mapping, row->number, field, message);
    }
  else if (integer)
    json_object_set_int_member (doc, field, (gint64) number);
  else
    json_object_set_double_member (doc, field, number);
}

/* "representative.phone" -> "phone", "safety_contact.name" -> "safety_contact" */
static const char *
field_of_path (const char *path)
{
  if (g_str_has_prefix (path, "representative.phone"))
    return "phone";
  if (g_str_has_prefix (path, "representative"))
    return "representative";
  if (g_str_has_prefix (path, "safety_contact.phone"))
    return "safety_phone";
  if (g_str_has_prefix (path, "safety_contact"))
    return "safety_contact";
  return path;
}

/* The stored organisation a credit code names, or NULL for a new one; *refused when the row
 * repeats a code of the file. The code is upper-cased in place. */
static JsonObject *
find_existing (Import           *import,
               const GdTableRow *row,
               char             *code,
               GError          **error)
{
  const char *id;
  gpointer first;

  if (*code == '\0')
    return NULL;
  for (char *p = code; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);
  if (g_hash_table_lookup_extended (import->codes_seen, code, NULL, &first))
    {
      g_autofree char *message = g_strdup_printf (_("same credit code as row %u: a file "
                                                    "updates each organisation once"),
                                                  GPOINTER_TO_UINT (first));
      gd_import_problem (import->report, import->mapping, row->number, "credit_code", message);
      return NULL;
    }
  g_hash_table_insert (import->codes_seen, g_strdup (code), GUINT_TO_POINTER (row->number));
  id = import->by_code != NULL ? g_hash_table_lookup (import->by_code, code) : NULL;
  return id != NULL ? gd_store_get (import->store, id, error) : NULL;
}

static gboolean
import_row (Import           *import,
            const GdTableRow *row,
            GError          **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *code = gd_import_cell (import->mapping, row, "credit_code");
  g_autofree char *representative = gd_import_cell (import->mapping, row, "representative");
  g_autofree char *phone = gd_import_cell (import->mapping, row, "phone");
  g_autofree char *safety = gd_import_cell (import->mapping, row, "safety_contact");
  g_autofree char *safety_phone = gd_import_cell (import->mapping, row, "safety_phone");
  g_autofree char *grid_cell = gd_import_cell (import->mapping, row, "grid");
  g_autofree char *grid_message = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *id = NULL;
  static const char *const plain[] = { "name", "address" };
  guint before = import->report->problems->len;
  const char *grid;

  if ((doc = find_existing (import, row, code, &local)) != NULL)
    before_text = gd_json_to_string (doc, FALSE);
  else if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  else
    {
      doc = json_object_new ();
      json_object_set_string_member (doc, "type", "organisation");
      json_object_set_string_member (doc, "status", "operating");
    }
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autofree char *value = gd_import_cell (import->mapping, row, plain[i]);

      if (*value != '\0')
        json_object_set_string_member (doc, plain[i], value);
    }
  if (*code != '\0')
    json_object_set_string_member (doc, "credit_code", code);
  set_code (import, row, doc, "kind", "organisation-kinds");
  set_code (import, row, doc, "premises", "premises-categories");
  set_code (import, row, doc, "status", "organisation-statuses");
  if (!json_object_has_member (doc, "kind"))
    {
      /* the credit code's category says what kind it is; without one, 其他 */
      GdCreditCode parsed;
      const char *kind = gd_credit_code_parse (code, NULL, &parsed, NULL)
                           ? kind_of_category (parsed.category) : NULL;

      json_object_set_string_member (doc, "kind", kind != NULL ? kind : "other");
    }
  set_number (import, row, doc, "employees", TRUE);
  set_number (import, row, doc, "floor_area", FALSE);
  {
    g_autofree char *opened = gd_import_cell (import->mapping, row, "opened_at");
    g_autofree char *date = *opened != '\0' ? gd_import_parse_date (opened) : NULL;

    if (date != NULL)
      json_object_set_string_member (doc, "opened_at", date);
    else if (*opened != '\0')
      {
        g_autofree char *message = g_strdup_printf (_("'%s' is not a date"), opened);
        gd_import_problem (import->report, import->mapping, row->number, "opened_at", message);
      }
  }
  set_person (doc, "representative", representative, phone);
  set_person (doc, "safety_contact", safety, safety_phone);
  if (*grid_cell != '\0' || !json_object_has_member (doc, "grid"))
    {
      grid = gd_import_resolve_grid (import->grids, grid_cell, import->options, &grid_message);
      if (grid != NULL)
        json_object_set_string_member (doc, "grid", grid);
      else
        gd_import_problem (import->report, import->mapping, row->number, "grid", grid_message);
    }

  if (before_text != NULL && import->report->problems->len == before)
    {
      g_autofree char *now = gd_json_to_string (doc, FALSE);

      if (g_str_equal (now, before_text))
        {
          /* the file says what the register says: nothing to write */
          import->report->unchanged_households++;
          return TRUE;
        }
    }
  if (import->report->problems->len > before)
    gd_store_validate (import->store, doc, import->options->actor, issues);
  else if ((id = gd_store_put (import->store, doc, import->options->actor, issues, &local)) == NULL
           && !g_error_matches (local, GD_ERROR, GD_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      const char *path = field_of_path (issue->path);
      g_autofree char *field = g_strndup (path, strcspn (path, ".["));

      if (issue->severity == GD_ISSUE_ERROR)
        gd_import_problem (import->report, import->mapping, row->number, field, issue->message);
    }
  if (import->report->problems->len > before)
    return TRUE;
  gd_import_note_change (import->report, id, before_text);
  if (before_text != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("row %u: credit code %s is registered already; "
                                                 "updates organisation %s"), row->number, code, id);
      g_ptr_array_add (import->report->notes, g_steal_pointer (&note));
      import->report->updated_households++;
    }
  else
    import->report->new_households++;
  return TRUE;
}

gboolean
gd_import_organisations (GdStore               *store,
                         GdTable               *table,
                         GdImportMapping       *mapping,
                         const GdImportOptions *options,
                         GdImportReport        *report,
                         GError               **error)
{
  g_autoptr(GHashTable) grids = NULL;
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GHashTable) codes_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Import import = { store, mapping, options, report, NULL, NULL, codes_seen };
  guint total = gd_table_get_n_rows (table) - gd_import_mapping_header_index (mapping) - 1;
  guint reported = 0;

  if (gd_import_mapping_column (mapping, "name") < 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("no column holds the organisations' names (单位名称); give one with a "
                     "mapping file"));
      return FALSE;
    }
  if ((grids = gd_import_grid_names (store, error)) == NULL
      || (by_code = gd_import_index_by (store, GD_DOC_ORGANISATION, "credit_code", error)) == NULL)
    return FALSE;
  import.grids = grids;
  import.by_code = by_code;
  for (guint i = gd_import_mapping_header_index (mapping) + 1; i < gd_table_get_n_rows (table); i++)
    {
      report->rows++;
      if (!import_row (&import, gd_table_get_row (table, i), error)
          || !gd_import_step (options, report->rows, total, &reported, error))
        return FALSE;
    }
  return TRUE;
}
