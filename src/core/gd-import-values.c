/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-error.h"
#include "gd-import-private.h"
#include "gd-json.h"

/* Words registers use for a code that are not its GB name. */
static const struct {
  const char *list;
  const char *alias;
  const char *code;
} aliases[] = {
  { "sex", "男", "1" }, { "sex", "女", "2" }, { "sex", "未知", "0" },
  { "education", "研究生", "10" }, { "education", "博士", "11" }, { "education", "硕士", "14" },
  { "education", "大学本科", "20" }, { "education", "本科", "20" },
  { "education", "大学专科", "30" }, { "education", "大专", "30" }, { "education", "专科", "30" },
  { "education", "中专", "41" }, { "education", "中等专科", "41" }, { "education", "职高", "44" },
  { "education", "技校", "47" }, { "education", "高中", "60" }, { "education", "初中", "70" },
  { "education", "小学", "80" }, { "education", "文盲", "90" }, { "education", "半文盲", "90" },
  { "education", "学龄前", "90" }, { "education", "其它", "90" },
  { "residence", "户籍人口", "registered" }, { "residence", "户籍", "registered" },
  { "residence", "常住人口", "registered" }, { "residence", "流动", "floating" },
  { "residence", "外来人口", "floating" }, { "residence", "境外", "overseas" },
  { "residence", "境外人口", "overseas" },
  { "id-types", "身份证", "resident_id" }, { "id-types", "居民身份证", "resident_id" },
  { "id-types", "无", "none" },
  { "political-status", "党员", "01" }, { "political-status", "预备党员", "02" },
  { "political-status", "团员", "03" },
  { "relationship", "本人（户主）", "02" }, { "relationship", "丈夫", "11" },
  { "relationship", "妻子", "12" }, { "relationship", "儿子", "20" },
  { "relationship", "女儿", "30" }, { "relationship", "父", "51" }, { "relationship", "母", "52" },
};

const char *
gd_import_match_code (const char *list,
                      const char *value)
{
  GdCodeTable *table = gd_codes_get (list);
  const GdCodeItem *item;
  guint n;

  if (table == NULL || value == NULL || *value == '\0')
    return NULL;
  if ((item = gd_code_table_lookup (table, value)) != NULL)
    return item->code;
  /* "1" written as the number 1.0 never happens in registers; a one-digit "1" for "01" does */
  if (strlen (value) == 1 && g_ascii_isdigit (value[0]))
    {
      char padded[3] = { '0', value[0], '\0' };

      if ((item = gd_code_table_lookup (table, padded)) != NULL)
        return item->code;
    }
  n = gd_code_table_get_n_items (table);
  for (guint i = 0; i < n; i++)
    {
      item = gd_code_table_get_item (table, i);
      if (g_strcmp0 (item->name_zh, value) == 0)
        return item->code;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *name = (item = gd_code_table_get_item (table, i))->name_zh;
      gsize length = strlen (value);

      /* 汉 -> 汉族, 男 -> 男性 */
      if (name != NULL && strncmp (name, value, length) == 0
          && (g_str_equal (name + length, "族") || g_str_equal (name + length, "性")))
        return item->code;
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (aliases[i].list, list) && g_str_equal (aliases[i].alias, value))
      return aliases[i].code;
  return NULL;
}

/* Reads up to three numbers separated by anything not a digit; the rest (a time) in *rest. */
static guint
read_numbers (const char  *text,
              guint        numbers[3],
              guint        digits[3],
              const char **rest)
{
  guint n = 0;
  const char *p = text;

  while (*p != '\0' && n < 3)
    {
      const char *start;

      while (*p != '\0' && !g_ascii_isdigit (*p))
        {
          /* a date's separators: - / . 年 月 日; a space ends the date */
          if (*p == ' ' || *p == 'T')
            goto done;
          p++;
        }
      start = p;
      numbers[n] = 0;
      while (g_ascii_isdigit (*p) && p - start < 9)
        numbers[n] = numbers[n] * 10 + (guint) (*p++ - '0');
      digits[n++] = (guint) (p - start);
      if (g_str_has_prefix (p, "日"))
        p += strlen ("日");
    }
done:
  *rest = p;
  return n;
}

static gboolean
split_date (const char  *text,
            GDateYear   *year,
            GDateMonth  *month,
            GDateDay    *day,
            const char **rest)
{
  guint numbers[3] = { 0 }, digits[3] = { 0 };
  guint n = read_numbers (text, numbers, digits, rest);

  if (n == 1 && digits[0] == 8)
    {
      numbers[2] = numbers[0] % 100;
      numbers[1] = numbers[0] / 100 % 100;
      numbers[0] /= 10000;
      n = 3;
      digits[0] = 4;
    }
  if (n != 3 || digits[0] != 4 || !g_date_valid_dmy (numbers[2], numbers[1], numbers[0]))
    return FALSE;
  *year = numbers[0];
  *month = numbers[1];
  *day = numbers[2];
  return TRUE;
}

char *
gd_import_parse_date (const char *value)
{
  GDateYear year;
  GDateMonth month;
  GDateDay day;
  const char *rest;

  if (value == NULL || !split_date (value, &year, &month, &day, &rest))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

char *
gd_import_parse_time (const char *value)
{
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  GDateYear year;
  GDateMonth month;
  GDateDay day;
  const char *rest;
  guint hour = 0, minute = 0, second = 0;

  if (value == NULL)
    return NULL;
  /* already RFC 3339 with a zone */
  if ((local = g_date_time_new_from_iso8601 (value, NULL)) != NULL)
    return gd_timestamp_format (local);
  if (!split_date (value, &year, &month, &day, &rest))
    return NULL;
  while (*rest == ' ' || *rest == 'T')
    rest++;
  if (*rest != '\0')
    {
      char *end;

      hour = strtoul (rest, &end, 10);
      if (end == rest || *end != ':')
        return NULL;
      rest = end + 1;
      minute = strtoul (rest, &end, 10);
      if (end == rest)
        return NULL;
      if (*end == ':')
        {
          rest = end + 1;
          second = strtoul (rest, &end, 10);
        }
      if (*end != '\0' || hour > 23 || minute > 59 || second > 59)
        return NULL;
    }
  local = g_date_time_new (china, year, month, day, hour, minute, second);
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  return gd_timestamp_format (utc);
}

void
gd_import_report_add (GdImportReport *report,
                      guint           row,
                      const char     *column,
                      const char     *message)
{
  GdImportProblem *problem;

  /* one problem per cell: the first is the most precise ('火星族' is not an ethnicity),
   * what validation says after it about the same cell (is required) adds nothing */
  for (guint i = report->problems->len, seen = 0; i > 0 && seen < 64; i--, seen++)
    {
      GdImportProblem *other = g_ptr_array_index (report->problems, i - 1);

      if (other->row == row && g_strcmp0 (other->column, column) == 0)
        return;
    }
  problem = g_new0 (GdImportProblem, 1);
  problem->row = row;
  problem->column = g_strdup (column);
  problem->message = g_strdup (message);
  g_ptr_array_add (report->problems, problem);
}

void
gd_import_problem (GdImportReport  *report,
                   GdImportMapping *mapping,
                   guint            row,
                   const char      *field,
                   const char      *message)
{
  gd_import_report_add (report, row, gd_import_column_name (mapping, field), message);
}

const char *
gd_import_column_name (GdImportMapping *mapping,
                       const char      *field)
{
  int column = gd_import_mapping_column (mapping, field);

  return column >= 0 ? gd_import_mapping_header (mapping, column) : field;
}

char *
gd_import_cell (GdImportMapping  *mapping,
                const GdTableRow *row,
                const char       *field)
{
  int column = gd_import_mapping_column (mapping, field);

  if (column < 0)
    return g_strdup ("");
  return g_strstrip (g_strdup (gd_table_row_get (row, column)));
}

GHashTable *
gd_import_index_by (GdStore    *store,
                    GdDocType   type,
                    const char *member,
                    GError    **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GdListQuery query = { type, NULL, NULL, 2000, 0 };

  for (;;)
    {
      g_autoptr(GPtrArray) docs = gd_store_list (store, &query, error);

      if (docs == NULL)
        return NULL;
      for (guint i = 0; i < docs->len; i++)
        {
          JsonObject *doc = g_ptr_array_index (docs, i);
          const char *value = gd_json_get_string (doc, member);

          if (value != NULL)
            g_hash_table_insert (index, g_strdup (value), g_strdup (gd_json_get_string (doc, "_id")));
        }
      if (docs->len < query.limit)
        return g_steal_pointer (&index);
      query.offset += query.limit;
    }
}

GHashTable *
gd_import_grid_names (GdStore *store,
                      GError **error)
{
  GdListQuery query = { .type = GD_DOC_GRID };
  g_autoptr(GPtrArray) grids = gd_store_list (store, &query, error);
  GHashTable *names;

  if (grids == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < grids->len; i++)
    {
      JsonObject *grid = g_ptr_array_index (grids, i);
      const char *code = gd_json_get_string (grid, "code");
      const char *name = gd_json_get_string (grid, "name");

      if (code == NULL || g_strcmp0 (gd_json_get_string (grid, "level"), "grid") != 0)
        continue;
      g_hash_table_insert (names, g_strdup (code), g_strdup (code));
      if (name != NULL)
        g_hash_table_insert (names, g_strdup (name), g_strdup (code));
    }
  return names;
}

const char *
gd_import_resolve_grid (GHashTable             *grids,
                        const char             *cell,
                        const GdImportOptions  *options,
                        char                  **message)
{
  const char *code;

  if (cell != NULL && *cell != '\0')
    {
      if ((code = g_hash_table_lookup (grids, cell)) != NULL)
        return code;
      *message = g_strdup_printf (_("'%s' is not a grid of this village (code or name)"), cell);
      return NULL;
    }
  if (options->default_grid != NULL)
    return options->default_grid;
  /* one grid only: the rows can only be in it */
  if (g_hash_table_size (grids) > 0)
    {
      GHashTableIter iter;
      gpointer value;
      const char *only = NULL;

      g_hash_table_iter_init (&iter, grids);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          if (only != NULL && !g_str_equal (only, value))
            {
              only = NULL;
              break;
            }
          only = value;
        }
      if (only != NULL)
        return only;
    }
  *message = g_strdup (_("is empty and the village has several grids; add a 网格 column or "
                         "give --grid"));
  return NULL;
}

gboolean
gd_import_step (const GdImportOptions *options,
                guint                  done,
                guint                  total,
                guint                 *reported,
                GError               **error)
{
  if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
    return FALSE;
  if (options->progress != NULL && (done - *reported >= 500 || done == total))
    {
      *reported = done;
      options->progress (done, total, options->progress_data);
    }
  return TRUE;
}
