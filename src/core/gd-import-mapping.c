/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-error.h"
#include "gd-import.h"
#include "gd-json.h"

/* Headers seen in 人口信息采集表 and 12345 work-order exports, by field. */
typedef struct {
  const char *field;
  const char *headers; /* '|'-separated */
} HeaderNames;

static const HeaderNames household_headers[] = {
  { "number", "户号|户编号|家庭编号|户口编号|户籍编号" },
  { "name", "姓名|人员姓名" },
  { "sex", "性别" },
  { "ethnicity", "民族" },
  { "id_type", "证件类型|证件种类" },
  { "id_number", "公民身份号码|身份证号|身份证号码|身份证|证件号码|身份号码" },
  { "birth_date", "出生日期|出生年月|生日" },
  { "relation", "与户主关系|关系|与户主的关系" },
  { "address", "现住址|住址|家庭住址|居住地址|现居住地址|现住地址" },
  { "phone", "联系电话|电话|手机|手机号|手机号码|联系方式" },
  { "education", "文化程度|学历" },
  { "residence", "人员类别|人口类型|人员类型|人口类别" },
  { "grid", "网格|所属网格|网格编码|网格名称" },
  { "political_status", "政治面貌" },
  { "occupation", "职业" },
  { "employer", "工作单位|服务处所|就业单位" },
  { "hukou_address", "户籍地址|户籍地|户籍地详址|户籍所在地" },
  { "notes", "备注" },
  { NULL, NULL }
};

static const HeaderNames incident_headers[] = {
  { "external_number", "工单编号|工单号|编号|受理编号" },
  { "reported_at", "来电时间|受理时间|登记时间|反映时间|时间" },
  { "category", "事件类别|类别|问题分类|诉求类别|事件类型" },
  { "address", "事发地址|地址|事件地址|发生地点" },
  { "reporter_name", "来电人|反映人|诉求人|姓名" },
  { "reporter_phone", "联系电话|来电号码|电话" },
  { "description", "诉求内容|内容|事件描述|问题描述" },
  { "title", "标题|事件标题|诉求标题" },
  { "deadline", "办理时限|办结时限|时限|截止时间" },
  { "urgency", "紧急程度" },
  { "grid", "网格|所属网格|网格编码" },
  { NULL, NULL }
};

static const HeaderNames organisation_headers[] = {
  { "name", "单位名称|名称|场所名称|企业名称|单位|商户名称|店名" },
  { "credit_code", "统一社会信用代码|信用代码|社会信用代码|营业执照号|注册号" },
  { "kind", "单位类型|单位性质|主体类型|类型" },
  { "premises", "场所类别|场所类型|行业类别|场所分类" },
  { "representative", "法定代表人|经营者|负责人|法人|法人代表|法定代表人/经营者|法定代表人（经营者）" },
  { "phone", "联系电话|电话|手机|手机号|联系方式" },
  { "address", "地址|经营地址|单位地址|场所地址|住所|经营场所" },
  { "grid", "网格|所属网格|网格编码|网格名称" },
  { "employees", "从业人员|从业人数|员工人数|职工人数" },
  { "floor_area", "面积|经营面积|营业面积|建筑面积" },
  { "opened_at", "开业日期|成立日期|开业时间" },
  { "safety_contact", "安全负责人|消防安全责任人|安全联系人" },
  { "safety_phone", "安全负责人电话|安全联系电话" },
  { "status", "经营状态|状态" },
  { NULL, NULL }
};

static const char *const organisation_fields[] = {
  "name", "credit_code", "kind", "premises", "representative", "phone", "address", "grid",
  "employees", "floor_area", "opened_at", "safety_contact", "safety_phone", "status", NULL
};

static const char *const household_fields[] = {
  "number", "name", "sex", "ethnicity", "id_type", "id_number", "birth_date", "relation",
  "address", "phone", "education", "residence", "grid", "political_status", "occupation",
  "employer", "hukou_address", "notes", NULL
};

static const char *const incident_fields[] = {
  "external_number", "reported_at", "category", "address", "reporter_name", "reporter_phone",
  "description", "title", "deadline", "urgency", "grid", NULL
};

struct _GdImportMapping {
  GdImportType type;
  GdTable     *table;
  guint        header_index;
  GPtrArray   *fields; /* per column: const char* (static) or NULL */
};

gboolean
gd_import_type_parse (const char   *name,
                      GdImportType *type,
                      GError      **error)
{
  if (g_strcmp0 (name, "household") == 0)
    *type = GD_IMPORT_HOUSEHOLD;
  else if (g_strcmp0 (name, "incident") == 0)
    *type = GD_IMPORT_INCIDENT;
  else if (g_strcmp0 (name, "organisation") == 0)
    *type = GD_IMPORT_ORGANISATION;
  else
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("type: cannot import '%s' (expected household, incident or organisation)"), name);
      return FALSE;
    }
  return TRUE;
}

const char * const *
gd_import_fields (GdImportType type)
{
  switch (type)
    {
    case GD_IMPORT_INCIDENT:
      return incident_fields;
    case GD_IMPORT_ORGANISATION:
      return organisation_fields;
    case GD_IMPORT_HOUSEHOLD:
    default:
      return household_fields;
    }
}

static const HeaderNames *
headers_of (GdImportType type)
{
  switch (type)
    {
    case GD_IMPORT_INCIDENT:
      return incident_headers;
    case GD_IMPORT_ORGANISATION:
      return organisation_headers;
    case GD_IMPORT_HOUSEHOLD:
    default:
      return household_headers;
    }
}

static const char *
static_field (GdImportType type,
              const char  *field)
{
  for (const char * const *f = gd_import_fields (type); *f != NULL; f++)
    if (g_str_equal (*f, field))
      return *f;
  return NULL;
}

/* "公民身份号码（必填）*" -> "公民身份号码": spaces, required marks and a trailing note go */
static char *
normalize_header (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == 0xff08 /* （ */)
        break;
      if (g_unichar_isspace (c) || c == '*' || c == 0xff0a || c == 0x3000)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static const char *
field_for_header (GdImportType type,
                  const char  *header)
{
  const HeaderNames *names = headers_of (type);
  g_autofree char *normal = normalize_header (header);

  if (*normal == '\0')
    return NULL;
  for (; names->field != NULL; names++)
    {
      g_auto(GStrv) list = g_strsplit (names->headers, "|", -1);

      if (g_strv_contains ((const char * const *) list, normal))
        return names->field;
    }
  return NULL;
}

GdImportMapping *
gd_import_mapping_guess (GdImportType  type,
                         GdTable      *table,
                         GError      **error)
{
  g_autoptr(GdImportMapping) mapping = g_new0 (GdImportMapping, 1);
  guint rows = MIN (gd_table_get_n_rows (table), 10);

  mapping->type = type;
  mapping->table = table;
  mapping->fields = g_ptr_array_new ();
  for (guint r = 0; r < rows; r++)
    {
      const GdTableRow *row = gd_table_get_row (table, r);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_ptr_array_set_size (mapping->fields, 0);
      for (guint c = 0; c < row->n_cells; c++)
        {
          const char *field = field_for_header (type, row->cells[c]);

          /* the first column of a name wins; a repeat is left unmapped */
          if (field != NULL && !g_hash_table_add (seen, (gpointer) field))
            field = NULL;
          g_ptr_array_add (mapping->fields, (gpointer) field);
        }
      if (g_hash_table_size (seen) >= 2)
        {
          mapping->header_index = r;
          return g_steal_pointer (&mapping);
        }
    }
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
               _("no header row found in the first rows (expected headers such as 姓名, "
                 "公民身份号码, 户号); give one with a mapping file"));
  return NULL;
}

static int
column_of_letters (const char *text)
{
  int column = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isupper (*p) || column > GD_TABLE_MAX_COLUMNS)
        return -1;
      column = column * 26 + (*p - 'A' + 1);
    }
  return column - 1;
}

gboolean
gd_import_mapping_load (GdImportMapping *mapping,
                        const char      *json,
                        gsize            length,
                        GError         **error)
{
  g_autoptr(JsonObject) root = gd_json_parse_object (json, (gssize) length, error);
  JsonObject *columns;
  g_autoptr(GList) members = NULL;
  const GdTableRow *header;

  if (root == NULL)
    return FALSE;
  if (json_object_has_member (root, "header_row"))
    {
      JsonNode *node = json_object_get_member (root, "header_row");
      gint64 number = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
                      ? json_node_get_int (node) : 0;
      guint index;

      for (index = 0; index < gd_table_get_n_rows (mapping->table); index++)
        if (gd_table_get_row (mapping->table, index)->number == (guint) number)
          break;
      if (number < 1 || index == gd_table_get_n_rows (mapping->table))
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       _("mapping: header_row %s is not a row of the sheet"), text);
          return FALSE;
        }
      if (index != mapping->header_index)
        {
          const GdTableRow *row = gd_table_get_row (mapping->table, index);

          mapping->header_index = index;
          g_ptr_array_set_size (mapping->fields, 0);
          for (guint c = 0; c < row->n_cells; c++)
            g_ptr_array_add (mapping->fields, (gpointer) field_for_header (mapping->type, row->cells[c]));
        }
    }
  if (json_object_has_member (root, "columns")
      && !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "columns")))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   _("mapping: columns must be an object of header → field"));
      return FALSE;
    }
  columns = gd_json_get_object (root, "columns");
  if (columns == NULL)
    return TRUE;
  header = gd_table_get_row (mapping->table, mapping->header_index);
  members = json_object_get_members (columns);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (columns, key);
      const char *field = NULL;
      int column = -1;

      for (guint c = 0; c < header->n_cells && column < 0; c++)
        if (g_str_equal (header->cells[c], key))
          column = (int) c;
      if (column < 0)
        column = column_of_letters (key);
      if (column < 0 || column >= GD_TABLE_MAX_COLUMNS)
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                       _("mapping: no column '%s' in the header row"), key);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_NULL (node))
        {
          const char *name = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

          if (name == NULL || (field = static_field (mapping->type, name)) == NULL)
            {
              g_autofree char *known = g_strjoinv (", ", (char **) gd_import_fields (mapping->type));
              g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                           _("mapping: '%s' is not a field (expected one of %s)"),
                           name != NULL ? name : "?", known);
              return FALSE;
            }
          /* a field goes to one column: the file's choice replaces the guess */
          for (guint c = 0; c < mapping->fields->len; c++)
            if (g_ptr_array_index (mapping->fields, c) == field)
              mapping->fields->pdata[c] = NULL;
        }
      if ((guint) column >= mapping->fields->len)
        g_ptr_array_set_size (mapping->fields, column + 1);
      mapping->fields->pdata[column] = (gpointer) field;
    }
  return TRUE;
}

void
gd_import_mapping_free (GdImportMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_clear_pointer (&mapping->fields, g_ptr_array_unref);
  g_free (mapping);
}

const char *
gd_import_mapping_field (GdImportMapping *mapping,
                         guint            column)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  return column < mapping->fields->len ? g_ptr_array_index (mapping->fields, column) : NULL;
}

int
gd_import_mapping_column (GdImportMapping *mapping,
                          const char      *field)
{
  g_return_val_if_fail (mapping != NULL, -1);
  for (guint c = 0; c < mapping->fields->len; c++)
    if (g_strcmp0 (g_ptr_array_index (mapping->fields, c), field) == 0)
      return (int) c;
  return -1;
}

const char *
gd_import_mapping_header (GdImportMapping *mapping,
                          guint            column)
{
  g_return_val_if_fail (mapping != NULL, "");
  return gd_table_row_get (gd_table_get_row (mapping->table, mapping->header_index), column);
}

guint
gd_import_mapping_header_index (GdImportMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);
  return mapping->header_index;
}

GdImportType
gd_import_mapping_get_kind (GdImportMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, GD_IMPORT_HOUSEHOLD);
  return mapping->type;
}

gboolean
gd_import_mapping_set_field (GdImportMapping *mapping,
                             guint            column,
                             const char      *field)
{
  const char *known = NULL;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (column < GD_TABLE_MAX_COLUMNS, FALSE);
  if (field != NULL && (known = static_field (mapping->type, field)) == NULL)
    return FALSE;
  for (guint c = 0; known != NULL && c < mapping->fields->len; c++)
    if (g_ptr_array_index (mapping->fields, c) == known)
      mapping->fields->pdata[c] = NULL;
  if (column >= mapping->fields->len)
    g_ptr_array_set_size (mapping->fields, column + 1);
  mapping->fields->pdata[column] = (gpointer) known;
  return TRUE;
}

guint
gd_import_mapping_get_n_columns (GdImportMapping *mapping)
{
  const GdTableRow *header;

  g_return_val_if_fail (mapping != NULL, 0);
  header = gd_table_get_row (mapping->table, mapping->header_index);
  return MAX (header != NULL ? header->n_cells : 0, mapping->fields->len);
}
