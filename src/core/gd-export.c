/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-export"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-error.h"
#include "gd-export.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-xlsx.h"

/* Documents are read a page at a time, never the whole table at once. */
#define PAGE 2000

/* Column headers are the register's own words (the household import reads them back), the
 * same in every language. */
static const char *const household_headers[] = {
  "户号", "户主", "公民身份号码", "联系电话", "现住址", "人数", "住房性质", "网格", NULL
};
static const char *const person_headers[] = {
  "户号", "姓名", "性别", "民族", "公民身份号码", "出生日期", "与户主关系", "现住址",
  "联系电话", "文化程度", "人员类别", "网格", NULL
};
static const char *const incident_headers[] = {
  "事件编号", "标题", "事件类别", "状态", "来源", "紧急程度", "事发地址", "反映人", "联系电话",
  "登记时间", "办理时限", "网格", NULL
};
static const char *const dispute_headers[] = {
  "案件编号", "纠纷类别", "简要情况", "状态", "受理时间", "调解室", "当事人", "网格", NULL
};
static const char *const patrol_headers[] = {
  "类型", "巡查人", "开始时间", "结束时间", "走访户数", "发现问题数", "网格", NULL
};

typedef struct {
  GdCsvFile        *csv;
  GdXlsxSheet      *sheet;
  GPtrArray        *cells;   /* the current row (CSV) */
  gboolean          reveal;
  guint             rows;
} Export;

static void
row_begin (Export *export)
{
  if (export->sheet != NULL)
    gd_xlsx_row (export->sheet);
  g_ptr_array_set_size (export->cells, 0);
}

static void
cell (Export     *export,
      const char *text)
{
  if (export->sheet != NULL)
    gd_xlsx_text (export->sheet, text != NULL && *text != '\0' ? text : NULL);
  else
    g_ptr_array_add (export->cells, g_strdup (text));
}

static void
cell_int (Export *export,
          gint64  value)
{
  if (export->sheet != NULL)
    gd_xlsx_int (export->sheet, value);
  else
    g_ptr_array_add (export->cells, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
cell_code (Export     *export,
           const char *list,
           const char *code)
{
  const char *name = code != NULL ? gd_codes_get_name (list, code) : NULL;

  cell (export, name != NULL ? name : code);
}

static void
cell_id_number (Export     *export,
                const char *number)
{
  g_autofree char *masked = NULL;

  if (!export->reveal && number != NULL && *number != '\0')
    number = masked = gd_mask_id_number (number);
  cell (export, number);
}

static void
cell_phone (Export     *export,
            const char *phone)
{
  g_autofree char *masked = NULL;

  if (!export->reveal && phone != NULL && *phone != '\0')
    phone = masked = gd_mask_phone (phone);
  cell (export, phone);
}

/* An RFC 3339 timestamp shown in China time: "2026-11-01 09:00" */
static void
cell_time (Export     *export,
           const char *timestamp)
{
  g_autoptr(GDateTime) at = timestamp != NULL ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (at == NULL)
    {
      cell (export, timestamp);
      return;
    }
  local = g_date_time_to_timezone (at, china);
  text = g_date_time_format (local, "%Y-%m-%d %H:%M");
  cell (export, text);
}

static gboolean
row_end (Export  *export,
         GError **error)
{
  export->rows++;
  if (export->csv == NULL)
    return TRUE;
  return gd_csv_file_row (export->csv, (const char * const *) export->cells->pdata,
                          export->cells->len, error);
}

static JsonObject *
head_of (JsonArray *members)
{
  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      if (member != NULL && g_strcmp0 (gd_json_get_string (member, "relation"), "02") == 0)
        return member;
    }
  return NULL;
}

static gboolean
write_household (Export *export, JsonObject *doc, GError **error)
{
  JsonArray *members = gd_json_get_array (doc, "members");
  JsonObject *head = head_of (members);

  row_begin (export);
  cell (export, gd_json_get_string (doc, "number"));
  cell (export, head != NULL ? gd_json_get_string (head, "name") : NULL);
  cell_id_number (export, head != NULL ? gd_json_get_string (head, "id_number") : NULL);
  cell_phone (export, head != NULL ? gd_json_get_string (head, "phone") : NULL);
  cell (export, gd_json_get_string (doc, "address"));
  cell_int (export, members != NULL ? json_array_get_length (members) : 0);
  cell_code (export, "housing", gd_json_get_string (doc, "housing"));
  cell (export, gd_json_get_string (doc, "grid"));
  return row_end (export, error);
}

static gboolean
write_persons (Export *export, JsonObject *doc, GError **error)
{
  JsonArray *members = gd_json_get_array (doc, "members");

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);

      if (m == NULL)
        continue;
      row_begin (export);
      cell (export, gd_json_get_string (doc, "number"));
      cell (export, gd_json_get_string (m, "name"));
      cell_code (export, "sex", gd_json_get_string (m, "sex"));
      cell_code (export, "ethnicity", gd_json_get_string (m, "ethnicity"));
      cell_id_number (export, gd_json_get_string (m, "id_number"));
      cell (export, gd_json_get_string (m, "birth_date"));
      cell_code (export, "relationship", gd_json_get_string (m, "relation"));
      cell (export, gd_json_get_string (doc, "address"));
      cell_phone (export, gd_json_get_string (m, "phone"));
      cell_code (export, "education", gd_json_get_string (m, "education"));
      cell_code (export, "residence", gd_json_get_string (m, "residence"));
      cell (export, gd_json_get_string (doc, "grid"));
      if (!row_end (export, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_incident (Export *export, JsonObject *doc, GError **error)
{
  JsonObject *location = gd_json_get_object (doc, "location");
  JsonObject *reporter = gd_json_get_object (doc, "reporter");

  row_begin (export);
  cell (export, gd_json_get_string (doc, "number"));
  cell (export, gd_json_get_string (doc, "title"));
  cell_code (export, "incident-categories", gd_json_get_string (doc, "category"));
  cell_code (export, "incident-statuses", gd_json_get_string (doc, "status"));
  cell_code (export, "incident-sources", gd_json_get_string (doc, "source"));
  cell_code (export, "urgency", gd_json_get_string (doc, "urgency"));
  cell (export, location != NULL ? gd_json_get_string (location, "address") : NULL);
  cell (export, reporter != NULL ? gd_json_get_string (reporter, "name") : NULL);
  cell_phone (export, reporter != NULL ? gd_json_get_string (reporter, "phone") : NULL);
  cell_time (export, gd_json_get_string (doc, "reported_at"));
  cell_time (export, gd_json_get_string (doc, "deadline"));
  cell (export, gd_json_get_string (doc, "grid"));
  return row_end (export, error);
}

static gboolean
write_dispute (Export *export, JsonObject *doc, GError **error)
{
  JsonArray *parties = gd_json_get_array (doc, "parties");
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);
      const char *name = party != NULL ? gd_json_get_string (party, "name") : NULL;

      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, "、");
      g_string_append (names, name);
    }
  row_begin (export);
  cell (export, gd_json_get_string (doc, "number"));
  cell_code (export, "dispute-categories", gd_json_get_string (doc, "category"));
  cell (export, gd_json_get_string (doc, "summary"));
  cell_code (export, "dispute-statuses", gd_json_get_string (doc, "status"));
  cell_time (export, gd_json_get_string (doc, "received_at"));
  cell_code (export, "mediation-rooms", gd_json_get_string (doc, "room"));
  cell (export, names->str);
  cell (export, gd_json_get_string (doc, "grid"));
  return row_end (export, error);
}

static gboolean
write_patrol (Export *export, JsonObject *doc, GError **error)
{
  JsonArray *visited = gd_json_get_array (doc, "visited_households");
  JsonArray *findings = gd_json_get_array (doc, "findings");
  const char *kind = gd_json_get_string (doc, "kind");

  row_begin (export);
  /* 三查: daily patrol, weekly sweep, monthly inspection */
  cell (export, g_strcmp0 (kind, "daily") == 0 ? "每日巡查"
                : g_strcmp0 (kind, "weekly") == 0 ? "每周排查"
                : g_strcmp0 (kind, "monthly") == 0 ? "每月检查" : kind);
  cell (export, gd_json_get_string (doc, "patroller"));
  cell_time (export, gd_json_get_string (doc, "started_at"));
  cell_time (export, gd_json_get_string (doc, "ended_at"));
  cell_int (export, visited != NULL ? json_array_get_length (visited) : 0);
  cell_int (export, findings != NULL ? json_array_get_length (findings) : 0);
  cell (export, gd_json_get_string (doc, "grid"));
  return row_end (export, error);
}

static const struct {
  const char *singular;
  const char *plural;
  GdDocType   type;
  const char *const *headers;
  gboolean  (*write) (Export *export, JsonObject *doc, GError **error);
} kinds[] = {
  [GD_EXPORT_HOUSEHOLDS] = { "household", "households", GD_DOC_HOUSEHOLD, household_headers, write_household },
  [GD_EXPORT_PERSONS] = { "person", "persons", GD_DOC_HOUSEHOLD, person_headers, write_persons },
  [GD_EXPORT_INCIDENTS] = { "incident", "incidents", GD_DOC_INCIDENT, incident_headers, write_incident },
  [GD_EXPORT_DISPUTES] = { "dispute", "disputes", GD_DOC_DISPUTE, dispute_headers, write_dispute },
  [GD_EXPORT_PATROLS] = { "patrol", "patrols", GD_DOC_PATROL, patrol_headers, write_patrol },
};

gboolean
gd_export_kind_parse (const char   *name,
                      GdExportKind *kind,
                      GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (name, kinds[i].singular) == 0 || g_strcmp0 (name, kinds[i].plural) == 0)
      {
        *kind = i;
        return TRUE;
      }
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
               _("type: cannot export '%s' (expected household, person, incident, dispute or "
                 "patrol)"), name);
  return FALSE;
}

/* Every document of the list, a page at a time. */
static gboolean
write_documents (GdStore               *store,
                 GdExportKind           kind,
                 const GdExportOptions *options,
                 Export                *export,
                 GError               **error)
{
  GdListQuery query = { kinds[kind].type, options->grid, options->status, PAGE, 0 };

  for (;;)
    {
      g_autoptr(GPtrArray) docs = gd_store_list (store, &query, error);

      if (docs == NULL)
        return FALSE;
      for (guint i = 0; i < docs->len; i++)
        if (!kinds[kind].write (export, g_ptr_array_index (docs, i), error))
          return FALSE;
      if (docs->len < PAGE)
        return TRUE;
      query.offset += PAGE;
    }
}

static gboolean
write_csv (GdStore               *store,
           GdExportKind           kind,
           const GdExportOptions *options,
           const char            *path,
           Export                *export,
           GError               **error)
{
  g_autoptr(GdCsvFile) file = gd_csv_file_begin (path, options->encoding, error);
  const char *const *headers = kinds[kind].headers;

  if (file == NULL)
    return FALSE;
  export->csv = file;
  if (!gd_csv_file_row (file, headers, g_strv_length ((char **) headers), error)
      || !write_documents (store, kind, options, export, error))
    return FALSE;
  export->csv = NULL;
  return gd_csv_file_commit (g_steal_pointer (&file), error);
}

static gboolean
write_xlsx (GdStore               *store,
            GdExportKind           kind,
            const GdExportOptions *options,
            const char            *path,
            Export                *export,
            GError               **error)
{
  g_autoptr(GdXlsx) book = gd_xlsx_new (path, error);

  if (book == NULL)
    return FALSE;
  /* the sheet is named after the list, in the operator's language */
  export->sheet = gd_xlsx_add_sheet (book,
                                     kind == GD_EXPORT_HOUSEHOLDS ? _("Households")
                                     : kind == GD_EXPORT_PERSONS ? _("Persons")
                                     : kind == GD_EXPORT_INCIDENTS ? _("Incidents")
                                     : kind == GD_EXPORT_DISPUTES ? _("Disputes") : _("Patrols"),
                                     kinds[kind].headers, error);
  if (export->sheet == NULL || !write_documents (store, kind, options, export, error))
    return FALSE;
  return gd_xlsx_close (g_steal_pointer (&book), error);
}

gboolean
gd_export_write (GdStore               *store,
                 GdExportKind           kind,
                 const GdExportOptions *options,
                 const char            *path,
                 guint                 *out_count,
                 GError               **error)
{
  Export export = { 0 };
  g_autofree char *detail = NULL;
  g_autofree char *lower = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL && options != NULL && path != NULL, FALSE);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), FALSE);

  lower = g_utf8_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_USAGE,
                   _("%s: the file name must end in .xlsx or .csv"), path);
      return FALSE;
    }
  if (options->reveal && !gd_role_may_reveal (options->role))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_FORBIDDEN,
                   _("a %s may not export full ID and phone numbers"), gd_role_to_string (options->role));
      return FALSE;
    }
  export.reveal = options->reveal;
  export.cells = g_ptr_array_new_with_free_func (g_free);
  if (g_str_has_suffix (lower, ".csv"))
    ok = write_csv (store, kind, options, path, &export, error);
  else
    ok = write_xlsx (store, kind, options, path, &export, error);
  g_ptr_array_unref (export.cells);
  if (!ok)
    return FALSE;

  if (out_count != NULL)
    *out_count = export.rows;
  detail = g_strdup_printf ("export %s: %u rows to %s, %s%s%s%s%s", kinds[kind].plural,
                            export.rows, path, options->reveal ? "unmasked" : "masked",
                            options->grid != NULL ? ", grid " : "",
                            options->grid != NULL ? options->grid : "",
                            options->status != NULL ? ", status " : "",
                            options->status != NULL ? options->status : "");
  /* an export that is not on the record does not stay */
  if (!gd_store_audit (store, options->actor, "export", NULL, detail, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}
