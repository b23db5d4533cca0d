/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-idcard.h"
#include "gd-import-private.h"
#include "gd-json.h"

/* 人口信息采集表: one row per person, grouped into households by 户号 (or, without one, a
 * household begins at each 户主). A citizen ID already in the register updates that person. */

#define HEAD_RELATION "02"

/* Member fields read as codes, with the code list each uses. */
static const struct {
  const char *field;
  const char *list;
} coded[] = {
  { "sex", "sex" }, { "ethnicity", "ethnicity" }, { "relation", "relationship" },
  { "education", "education" }, { "political_status", "political-status" },
  { "residence", "residence" }, { "id_type", "id-types" },
};

/* Member fields taken as they are. */
static const char *const plain[] = {
  "name", "phone", "occupation", "employer", "hukou_address", "notes",
};

typedef struct {
  guint       first_row;  /* the spreadsheet's row number */
  GArray     *rows;       /* guint: indexes into the table */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_array_unref (group->rows);
  g_free (group);
}

typedef struct {
  GdStore               *store;
  GdTable               *table;
  GdImportMapping       *mapping;
  const GdImportOptions *options;
  GdImportReport        *report;
  GHashTable            *grids;
  GHashTable            *ids_seen;   /* ID number -> GUINT row number */
  GHashTable            *claimed;    /* existing household _id -> GUINT first row of its group */
  GHashTable            *by_number;  /* 户号 of the households stored before -> _id */
} Import;

static GPtrArray *
group_rows (Import *import)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean have_number = gd_import_mapping_column (import->mapping, "number") >= 0;
  guint n = gd_table_get_n_rows (import->table);
  Group *current = NULL;

  for (guint i = gd_import_mapping_header_index (import->mapping) + 1; i < n; i++)
    {
      const GdTableRow *row = gd_table_get_row (import->table, i);
      Group *group = NULL;

      import->report->rows++;
      if (have_number)
        {
          g_autofree char *number = gd_import_cell (import->mapping, row, "number");

          if (*number == '\0')
            {
              gd_import_problem (import->report, import->mapping, row->number, "number", _("is empty: every person needs a household number"));
              continue;
            }
          group = g_hash_table_lookup (by_number, number);
          if (group == NULL)
            g_hash_table_insert (by_number, g_steal_pointer (&number), group = g_new0 (Group, 1));
        }
      else
        {
          g_autofree char *relation = gd_import_cell (import->mapping, row, "relation");

          if (g_strcmp0 (gd_import_match_code ("relationship", relation), HEAD_RELATION) == 0)
            current = g_new0 (Group, 1);
          else if (current == NULL)
            {
              gd_import_problem (import->report, import->mapping, row->number, "relation",
                       _("comes before any 户主: without a 户号 column a household begins at its head"));
              continue;
            }
          group = current;
        }
      if (group->rows == NULL)
        {
          group->rows = g_array_new (FALSE, FALSE, sizeof (guint));
          group->first_row = row->number;
          g_ptr_array_add (groups, group);
        }
      g_array_append_val (group->rows, i);
    }
  return groups;
}

/* The member's fields from one row; problems of its cells go to the report. */
static JsonObject *
read_member (Import           *import,
             const GdTableRow *row,
             char            **out_id_number)
{
  JsonObject *member = json_object_new ();
  g_autofree char *id_number = gd_import_cell (import->mapping, row, "id_number");
  g_autofree char *birth = gd_import_cell (import->mapping, row, "birth_date");
  GdIdCard card;

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autofree char *value = gd_import_cell (import->mapping, row, plain[i]);

      if (*value != '\0')
        json_object_set_string_member (member, plain[i], value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (coded); i++)
    {
      g_autofree char *value = gd_import_cell (import->mapping, row, coded[i].field);
      const char *code;

      if (*value == '\0')
        continue;
      if ((code = gd_import_match_code (coded[i].list, value)) != NULL)
        json_object_set_string_member (member, coded[i].field, code);
      else
        {
          /* Translators: the first %s is the cell, the second a code list (ethnicity) */
          g_autofree char *message = g_strdup_printf (_("'%s' is not in the %s code list "
                                                        "(by code or Chinese name)"),
                                                      value, coded[i].list);
          gd_import_problem (import->report, import->mapping, row->number, coded[i].field, message);
        }
    }

  /* Excel's leading apostrophe keeps a number as text; it is not part of it */
  g_strdelimit (id_number, "'", ' ');
  g_strstrip (id_number);
  if (strpbrk (id_number, "eE") != NULL && strspn (id_number, "0123456789.eE+") == strlen (id_number))
    {
      /* 3.20902198503E+17: Excel kept it as a number and rounded away its last digits */
      gd_import_problem (import->report, import->mapping, row->number, "id_number",
                         _("was stored as a number and Excel has rounded it; format the column "
                           "as text (文本) and enter the numbers again"));
      *id_number = '\0';
    }
  if (*id_number != '\0')
    {
      g_autofree char *upper = g_ascii_strup (id_number, -1);

      json_object_set_string_member (member, "id_number", upper);
      if (!json_object_has_member (member, "id_type"))
        json_object_set_string_member (member, "id_type", "resident_id");
      *out_id_number = g_steal_pointer (&upper);
    }
  else if (!json_object_has_member (member, "id_type"))
    json_object_set_string_member (member, "id_type", "none");

  if (*birth != '\0')
    {
      g_autofree char *date = gd_import_parse_date (birth);

      if (date != NULL)
        json_object_set_string_member (member, "birth_date", date);
      else
        {
          g_autofree char *message = g_strdup_printf (_("'%s' is not a date"), birth);
          gd_import_problem (import->report, import->mapping, row->number, "birth_date", message);
        }
    }
  /* what a register leaves out, the citizen ID says */
  if (*out_id_number != NULL
      && g_strcmp0 (gd_json_get_string (member, "id_type"), "resident_id") == 0
      && gd_idcard_parse (*out_id_number, NULL, &card, NULL))
    {
      if (!json_object_has_member (member, "birth_date") && *birth == '\0')
        json_object_set_string_member (member, "birth_date", card.birth_date);
      if (!json_object_has_member (member, "sex")
          && gd_import_mapping_column (import->mapping, "sex") < 0)
        {
          char sex[2] = { '0' + card.sex, '\0' };
          json_object_set_string_member (member, "sex", sex);
        }
    }
  return member;
}

static JsonObject *
find_member (JsonArray  *members,
             const char *id_number)
{
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      const char *number = member != NULL ? gd_json_get_string (member, "id_number") : NULL;

      if (number != NULL && g_ascii_strcasecmp (number, id_number) == 0)
        return member;
    }
  return NULL;
}

/* A member without an ID number (a child not yet given one, a foreigner) is the stored
 * member of the same name and birth date who has none either. */
static JsonObject *
find_member_without_id (JsonArray  *members,
                        JsonObject *read)
{
  const char *name = gd_json_get_string (read, "name");
  const char *birth = gd_json_get_string (read, "birth_date");

  for (guint i = 0; name != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      if (member != NULL && gd_json_get_string (member, "id_number") == NULL
          && g_strcmp0 (gd_json_get_string (member, "name"), name) == 0
          && g_strcmp0 (gd_json_get_string (member, "birth_date"), birth) == 0)
        return member;
    }
  return NULL;
}

/* Copies what the file says over the stored member, keeping its id and what the file
 * does not mention. */
static void
update_member (JsonObject *stored,
               JsonObject *read)
{
  g_autoptr(GList) names = json_object_get_members (read);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (stored, l->data, json_node_copy (json_object_get_member (read, l->data)));
}

/* The existing household the group's known ID numbers point at, loaded; NULL for a new
 * one (or a problem, then *refused). */
static JsonObject *
find_existing (Import     *import,
               Group      *group,
               GPtrArray  *id_numbers,
               gboolean   *refused)
{
  g_autofree char *holder = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *doc;
  gpointer claimed_by;

  for (guint m = 0; m < id_numbers->len; m++)
    {
      const char *number = g_ptr_array_index (id_numbers, m);
      g_autofree char *other = number != NULL ? gd_store_find_id_holder (import->store, number, NULL) : NULL;

      if (other == NULL)
        continue;
      if (holder == NULL)
        holder = g_steal_pointer (&other);
      else if (!g_str_equal (holder, other))
        {
          guint row = gd_table_get_row (import->table, g_array_index (group->rows, guint, m))->number;
          g_autofree char *message = g_strdup_printf (_("is registered in household %s, while "
                                                        "others of this household are in %s"),
                                                      other, holder);
          gd_import_problem (import->report, import->mapping, row, "id_number", message);
          *refused = TRUE;
          return NULL;
        }
    }
  if (holder == NULL && import->by_number != NULL)
    {
      /* no member known by ID: the household may still be known by its 户号 */
      const GdTableRow *first = gd_table_get_row (import->table, g_array_index (group->rows, guint, 0));
      g_autofree char *number = gd_import_cell (import->mapping, first, "number");

      holder = g_strdup (g_hash_table_lookup (import->by_number, number));
    }
  if (holder == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (import->claimed, holder, NULL, &claimed_by))
    {
      g_autofree char *message = g_strdup_printf (_("updates household %s, which the household "
                                                    "of row %u updates already"),
                                                  holder, GPOINTER_TO_UINT (claimed_by));
      gd_import_problem (import->report, import->mapping, group->first_row, "number", message);
      *refused = TRUE;
      return NULL;
    }
  if ((doc = gd_store_get (import->store, holder, &error)) == NULL)
    {
      gd_import_problem (import->report, import->mapping, group->first_row, "number", error->message);
      *refused = TRUE;
      return NULL;
    }
  g_hash_table_insert (import->claimed, g_strdup (holder), GUINT_TO_POINTER (group->first_row));
  return doc;
}

/* "members[3].id_number" -> row of member 3, "id_number"; top-level paths -> first row.
 * Errors are problems, warnings notes. */
static void
report_issue (Import        *import,
              Group         *group,
              GArray        *member_rows,
              const GdIssue *issue)
{
  const char *path = issue->path;
  g_autofree char *field = NULL;
  guint row = group->first_row;

  if (g_str_has_prefix (path, "members["))
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (path + strlen ("members["), &end, 10);

      if (index < member_rows->len && g_array_index (member_rows, guint, index) != 0)
        row = g_array_index (member_rows, guint, index);
      path = (end != NULL && g_str_has_prefix (end, "].")) ? end + 2 : "members";
    }
  field = g_strndup (path, strcspn (path, ".["));
  if (g_str_equal (field, "members"))
    {
      g_free (field);
      field = g_strdup ("relation");
    }
  if (issue->severity == GD_ISSUE_ERROR)
    gd_import_problem (import->report, import->mapping, row, field, issue->message);
  else
    {
      /* warnings (a stated sex the ID number contradicts) are said, not refused */
      g_autofree char *note = g_strdup_printf (_("row %u, %s: %s"), row,
                                               gd_import_column_name (import->mapping, field),
                                               issue->message);
      g_ptr_array_add (import->report->notes, g_steal_pointer (&note));
    }
}

static void
set_household_field (Import           *import,
                     JsonObject       *doc,
                     Group            *group,
                     const char       *field)
{
  for (guint r = 0; r < group->rows->len; r++)
    {
      const GdTableRow *row = gd_table_get_row (import->table, g_array_index (group->rows, guint, r));
      g_autofree char *value = gd_import_cell (import->mapping, row, field);

      if (*value != '\0')
        {
          json_object_set_string_member (doc, field, value);
          return;
        }
    }
}

static gboolean
same_text (JsonNode   *node,
           const char *text)
{
  g_autofree char *now = json_to_string (node, FALSE);

  return g_str_equal (now, text);
}

/* Builds, validates and writes one household; FALSE only on a store failure (error set). */
static gboolean
import_group (Import  *import,
              Group   *group,
              GError **error)
{
  g_autoptr(GPtrArray) members_read = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) id_numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) member_rows = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *grid_message = NULL;
  g_autofree char *grid_cell = NULL;
  g_autofree char *id = NULL;
  const GdTableRow *first;
  const char *grid;
  JsonArray *members;
  gboolean refused = FALSE;
  gboolean existing;
  g_autoptr(JsonNode) before = NULL;
  g_autofree char *before_text = NULL;
  guint updated = 0, added = 0;
  guint problems_before = import->report->problems->len;

  for (guint r = 0; r < group->rows->len; r++)
    {
      const GdTableRow *row = gd_table_get_row (import->table, g_array_index (group->rows, guint, r));
      char *id_number = NULL;
      gpointer first_use;

      g_ptr_array_add (members_read, read_member (import, row, &id_number));
      if (id_number != NULL && g_hash_table_lookup_extended (import->ids_seen, id_number, NULL, &first_use))
        {
          g_autofree char *message = g_strdup_printf (_("same ID number as row %u"),
                                                      GPOINTER_TO_UINT (first_use));
          gd_import_problem (import->report, import->mapping, row->number, "id_number", message);
          g_clear_pointer (&id_number, g_free);
        }
      else if (id_number != NULL)
        g_hash_table_insert (import->ids_seen, g_strdup (id_number), GUINT_TO_POINTER (row->number));
      g_ptr_array_add (id_numbers, id_number);
    }

  doc = find_existing (import, group, id_numbers, &refused);
  if (refused)
    return TRUE;
  existing = doc != NULL;
  if (existing)
    {
      /* json_node_copy() shares objects: compare the text instead */
      before = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (before, doc);
      before_text = json_to_string (before, FALSE);
    }
  if (doc == NULL)
    {
      doc = json_object_new ();
      json_object_set_string_member (doc, "type", "household");
      json_object_set_array_member (doc, "members", json_array_new ());
    }
  members = gd_json_get_array (doc, "members");
  if (members == NULL)
    {
      members = json_array_new ();
      json_object_set_array_member (doc, "members", members);
    }
  /* rows of the members already stored are 0 until the file names them */
  g_array_set_size (member_rows, json_array_get_length (members));
  for (guint m = 0; m < members_read->len; m++)
    {
      JsonObject *read = g_ptr_array_index (members_read, m);
      const char *number = g_ptr_array_index (id_numbers, m);
      guint row = gd_table_get_row (import->table, g_array_index (group->rows, guint, m))->number;
      JsonObject *stored = number != NULL ? find_member (members, number)
                                          : find_member_without_id (members, read);

      if (stored != NULL)
        {
          g_autofree char *note = g_strdup_printf (_("row %u: %s is registered already; updates "
                                                     "that person in household %s"),
                                                   row, number != NULL ? number : gd_json_get_string (read, "name"),
                                                   gd_json_get_string (doc, "_id"));
          update_member (stored, read);
          for (guint i = 0; i < json_array_get_length (members); i++)
            if (json_array_get_object_element (members, i) == stored)
              g_array_index (member_rows, guint, i) = row;
          g_ptr_array_add (import->report->notes, g_steal_pointer (&note));
          updated++;
        }
      else
        {
          g_autofree char *member_id = gd_uuid_new ();

          json_object_set_string_member (read, "id", member_id);
          json_array_add_object_element (members, json_object_ref (read));
          g_array_append_val (member_rows, row);
          added++;
        }
    }

  set_household_field (import, doc, group, "number");
  set_household_field (import, doc, group, "address");
  if (!json_object_has_member (doc, "number"))
    {
      g_autofree char *number = g_strdup_printf ("IMPORT-%u", group->first_row);
      json_object_set_string_member (doc, "number", number);
    }
  first = gd_table_get_row (import->table, g_array_index (group->rows, guint, 0));
  grid_cell = gd_import_cell (import->mapping, first, "grid");
  if (*grid_cell != '\0' || !json_object_has_member (doc, "grid"))
    {
      grid = gd_import_resolve_grid (import->grids, grid_cell, import->options, &grid_message);
      if (grid != NULL)
        json_object_set_string_member (doc, "grid", grid);
      else
        gd_import_problem (import->report, import->mapping, group->first_row, "grid", grid_message);
    }
  if (before_text != NULL && import->report->problems->len == problems_before
      && same_text (before, before_text))
    {
      /* the file says what the register says: nothing to write */
      import->report->unchanged_households++;
      import->report->updated_persons += updated;
      return TRUE;
    }
  if (import->report->problems->len > problems_before)
    {
      /* still validated, so that every problem of the row is listed at once */
      gd_store_validate (import->store, doc, import->options->actor, issues);
    }
  else if ((id = gd_store_put (import->store, doc, import->options->actor, issues, &local)) == NULL
           && !g_error_matches (local, GD_ERROR, GD_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  for (guint i = 0; i < gd_issues_get_n_items (issues); i++)
    report_issue (import, group, member_rows, gd_issues_get_item (issues, i));
  if (import->report->problems->len > problems_before)
    return TRUE;
  gd_import_note_change (import->report, id, before_text);
  if (existing)
    import->report->updated_households++;
  else
    import->report->new_households++;
  import->report->new_persons += added;
  import->report->updated_persons += updated;
  return TRUE;
}

gboolean
gd_import_households (GdStore               *store,
                      GdTable               *table,
                      GdImportMapping       *mapping,
                      const GdImportOptions *options,
                      GdImportReport        *report,
                      GError               **error)
{
  g_autoptr(GHashTable) grids = NULL;
  g_autoptr(GHashTable) ids_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_number = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  Import import = { store, table, mapping, options, report, NULL, ids_seen, claimed };

  if (gd_import_mapping_column (mapping, "name") < 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("no column holds the names (姓名); give one with a mapping file"));
      return FALSE;
    }
  if ((grids = gd_import_grid_names (store, error)) == NULL)
    return FALSE;
  import.grids = grids;
  if (gd_import_mapping_column (mapping, "number") >= 0
      && gd_store_count (store, GD_DOC_HOUSEHOLD, NULL) > 0
      && (by_number = gd_import_index_by (store, GD_DOC_HOUSEHOLD, "number", error)) == NULL)
    return FALSE;
  import.by_number = by_number;
  groups = group_rows (&import);
  for (guint g = 0, done = 0, reported = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);

      done += group->rows->len;
      if (!import_group (&import, group, error)
          || !gd_import_step (options, g + 1 == groups->len ? report->rows : done, report->rows,
                              &reported, error))
        return FALSE;
    }
  return TRUE;
}
