/* gd-dispute-fields.c: form rows bound to JSON members (see gd-dispute-fields.h).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-dispute-fields"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "gd-dispute-fields.h"
#include "gd-format.h"
#include "gd-json.h"

#define CHINA_OFFSET (8 * 3600)
#define LIST_SEPARATOR "、"

typedef struct {
  const GdFieldSpec *spec;
  GtkWidget         *row;
  GtkWidget         *widget;   /* entry row, text view, drop-down or switch */
  GPtrArray         *codes;    /* choice drop-downs: position -> code */
} Field;

struct _GdFieldGroup
{
  GArray *fields;
};

char *
gd_field_time_to_text (const char *timestamp)
{
  g_autoptr(GDateTime) at = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GTimeZone) china = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL)
    return timestamp != NULL ? g_strdup (timestamp) : NULL;
  china = g_time_zone_new_offset (CHINA_OFFSET);
  local = g_date_time_to_timezone (at, china);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
gd_field_time_from_text (const char *text)
{
  g_autoptr(GTimeZone) china = g_time_zone_new_offset (CHINA_OFFSET);
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  int year, month, day, hour = 0, minute = 0;
  char tail;

  if (*trimmed == '\0')
    return NULL;
  /* 2026-04-08, 2026-04-08 10:00 or 2026/4/8 10:00, in China time */
  if (sscanf (trimmed, "%d%*[-/.]%d%*[-/.]%d %d:%d%c", &year, &month, &day, &hour, &minute, &tail) != 5
      && sscanf (trimmed, "%d%*[-/.]%d%*[-/.]%d%c", &year, &month, &day, &tail) != 3)
    return g_strdup (trimmed); /* the validator says what is wrong with it */
  at = g_date_time_new (china, year, month, day, hour, minute, 0);
  if (at == NULL)
    return g_strdup (trimmed);
  return gd_timestamp_format (at);
}

static void
set_accessible_name (GtkWidget  *widget,
                     const char *prefix,
                     const char *label)
{
  g_autofree char *name = prefix != NULL
                          /* Translators: whose field it is, then the field: 申请人：姓名 */
                          ? g_strdup_printf (C_("field of", "%s: %s"), prefix, label)
                          : g_strdup (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static GtkDropDown *
choice_dropdown (const char *const *parts,
                 GPtrArray         *codes)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;

  g_ptr_array_add (codes, g_strdup (""));
  gtk_string_list_append (labels, "—");
  for (guint i = 0; parts[i] != NULL && parts[i + 1] != NULL; i += 2)
    {
      g_ptr_array_add (codes, g_strdup (parts[i]));
      gtk_string_list_append (labels, _(parts[i + 1]));
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gd_dropdown_follow_popup_selection (dropdown);
  return dropdown;
}

static void
add_field (GdFieldGroup        *fields,
           AdwPreferencesGroup *group,
           const GdFieldSpec   *spec,
           const char          *prefix,
           GCallback            changed,
           gpointer             user_data)
{
  Field field = { .spec = spec };
  const char *label = _(spec->label);

  switch (spec->kind)
    {
    case GD_FIELD_LONG:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        GtkWidget *title = gtk_label_new (label);
        GtkWidget *frame = gtk_frame_new (NULL);

        field.widget = gtk_text_view_new ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field.widget), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (field.widget), 6);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (field.widget), 6);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (field.widget), 8);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (field.widget), 8);
        gtk_widget_set_size_request (field.widget, -1, 72);
        gtk_label_set_xalign (GTK_LABEL (title), 0);
        gtk_widget_add_css_class (title, "dim-label");
        gtk_frame_set_child (GTK_FRAME (frame), field.widget);
        gtk_box_append (GTK_BOX (box), title);
        gtk_box_append (GTK_BOX (box), frame);
        gtk_widget_set_margin_top (box, 8);
        gtk_widget_set_margin_bottom (box, 10);
        gtk_widget_set_margin_start (box, 12);
        gtk_widget_set_margin_end (box, 12);
        field.row = adw_preferences_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field.row), label);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field.row), FALSE);
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field.row), box);
        g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field.widget)),
                                  "changed", changed, user_data);
        break;
      }
    case GD_FIELD_CODE:
    case GD_FIELD_CHOICE:
      field.row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field.row), label);
      if (spec->kind == GD_FIELD_CODE)
        field.widget = GTK_WIDGET (gd_code_dropdown_new (spec->list, TRUE));
      else
        {
          field.codes = g_ptr_array_new_with_free_func (g_free);
          field.widget = GTK_WIDGET (choice_dropdown (spec->options, field.codes));
        }
      gtk_widget_set_valign (field.widget, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field.row), field.widget);
      g_signal_connect_swapped (field.widget, "notify::selected", changed, user_data);
      break;
    case GD_FIELD_SWITCH:
      field.row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field.row), label);
      field.widget = gtk_switch_new ();
      gtk_widget_set_valign (field.widget, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field.row), field.widget);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field.row), field.widget);
      g_signal_connect_swapped (field.widget, "notify::active", changed, user_data);
      break;
    case GD_FIELD_TEXT:
    case GD_FIELD_TIME:
    case GD_FIELD_INT:
    case GD_FIELD_NUMBER:
    case GD_FIELD_NAMES:
    default:
      field.row = field.widget = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field.row), label);
      if (spec->kind == GD_FIELD_TIME)
        {
          /* the format to type, for lack of a placeholder in entry rows */
          GtkWidget *hint = gtk_label_new (_("YYYY-MM-DD HH:MM"));
          gtk_widget_add_css_class (hint, "dim-label");
          gtk_widget_add_css_class (hint, "caption");
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (field.row), hint);
        }
      g_signal_connect_swapped (field.widget, "changed", changed, user_data);
      break;
    }
  set_accessible_name (field.widget, prefix, label);
  adw_preferences_group_add (group, field.row);
  g_array_append_val (fields->fields, field);
}

GdFieldGroup *
gd_field_group_new (AdwPreferencesGroup *group,
                    const GdFieldSpec   *specs,
                    guint                n_specs,
                    const char          *prefix,
                    GCallback            changed,
                    gpointer             user_data)
{
  GdFieldGroup *fields = g_new0 (GdFieldGroup, 1);

  fields->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  for (guint i = 0; i < n_specs; i++)
    add_field (fields, group, &specs[i], prefix, changed, user_data);
  return fields;
}

void
gd_field_group_free (GdFieldGroup *fields)
{
  if (fields == NULL)
    return;
  for (guint i = 0; i < fields->fields->len; i++)
    g_clear_pointer (&g_array_index (fields->fields, Field, i).codes, g_ptr_array_unref);
  g_array_unref (fields->fields);
  g_free (fields);
}

GtkWidget *
gd_field_group_get (GdFieldGroup *fields,
                    const char   *member)
{
  for (guint i = 0; i < fields->fields->len; i++)
    {
      Field *field = &g_array_index (fields->fields, Field, i);
      if (g_str_equal (field->spec->member, member))
        return field->widget;
    }
  return NULL;
}

const char *
gd_field_group_get_label (GdFieldGroup *fields,
                          const char   *member)
{
  for (guint i = 0; i < fields->fields->len; i++)
    {
      const GdFieldSpec *spec = g_array_index (fields->fields, Field, i).spec;
      if (g_str_equal (spec->member, member))
        return _(spec->label);
    }
  return NULL;
}

void
gd_field_group_set_sensitive (GdFieldGroup *fields,
                              gboolean      sensitive)
{
  for (guint i = 0; i < fields->fields->len; i++)
    gtk_widget_set_sensitive (g_array_index (fields->fields, Field, i).row, sensitive);
}

/* The member as text for an entry; NULL when absent. */
static char *
member_text (JsonObject        *object,
             const GdFieldSpec *spec)
{
  JsonNode *node = object != NULL && json_object_has_member (object, spec->member)
                   ? json_object_get_member (object, spec->member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (spec->kind == GD_FIELD_TIME)
    return gd_field_time_to_text (gd_json_get_string (object, spec->member));
  if (spec->kind == GD_FIELD_NAMES && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (JSON_NODE_HOLDS_VALUE (json_array_get_element (array, i)))
          g_strv_builder_add (names, json_array_get_string_element (array, i));
      strv = g_strv_builder_end (names);
      return g_strjoinv (LIST_SEPARATOR, strv);
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
        }
      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
    }
  return NULL;
}

void
gd_field_group_load (GdFieldGroup *fields,
                     JsonObject   *object)
{
  for (guint i = 0; i < fields->fields->len; i++)
    {
      Field *field = &g_array_index (fields->fields, Field, i);
      const GdFieldSpec *spec = field->spec;
      g_autofree char *text = NULL;

      switch (spec->kind)
        {
        case GD_FIELD_LONG:
          text = member_text (object, spec);
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)),
                                    text != NULL ? text : "", -1);
          break;
        case GD_FIELD_CODE:
          gd_code_dropdown_set_code (GTK_DROP_DOWN (field->widget), gd_json_get_string (object, spec->member));
          break;
        case GD_FIELD_CHOICE:
          {
            const char *code = gd_json_get_string (object, spec->member);
            guint position = 0;

            for (guint k = 1; code != NULL && k < field->codes->len; k++)
              if (g_str_equal (field->codes->pdata[k], code))
                position = k;
            gtk_drop_down_set_selected (GTK_DROP_DOWN (field->widget), position);
            break;
          }
        case GD_FIELD_SWITCH:
          gtk_switch_set_active (GTK_SWITCH (field->widget),
                                 object != NULL
                                 && json_object_get_boolean_member_with_default (object, spec->member, FALSE));
          break;
        case GD_FIELD_TEXT:
        case GD_FIELD_TIME:
        case GD_FIELD_INT:
        case GD_FIELD_NUMBER:
        case GD_FIELD_NAMES:
        default:
          text = member_text (object, spec);
          gtk_editable_set_text (GTK_EDITABLE (field->widget), text != NULL ? text : "");
          break;
        }
    }
}

static void
store_text (JsonObject *object,
            const char *member,
            const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed != '\0')
    json_object_set_string_member (object, member, trimmed);
  else if (json_object_has_member (object, member))
    json_object_remove_member (object, member);
}

static void
store_field (Field      *field,
             JsonObject *object)
{
  const GdFieldSpec *spec = field->spec;
  const char *member = spec->member;

  switch (spec->kind)
    {
    case GD_FIELD_LONG:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
        GtkTextIter start, end;
        g_autofree char *text = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        store_text (object, member, text);
        break;
      }
    case GD_FIELD_CODE:
      store_text (object, member, gd_code_dropdown_get_code (GTK_DROP_DOWN (field->widget)));
      break;
    case GD_FIELD_CHOICE:
      {
        guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->widget));
        store_text (object, member, selected < field->codes->len ? field->codes->pdata[selected] : NULL);
        break;
      }
    case GD_FIELD_SWITCH:
      json_object_set_boolean_member (object, member, gtk_switch_get_active (GTK_SWITCH (field->widget)));
      break;
    case GD_FIELD_TIME:
      {
        g_autofree char *timestamp = gd_field_time_from_text (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
        store_text (object, member, timestamp);
        break;
      }
    case GD_FIELD_INT:
    case GD_FIELD_NUMBER:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (field->widget));
        char *end = NULL;
        double value = g_ascii_strtod (text, &end);

        /* what is not a number is kept as typed: the validator names the field */
        if (end == text || *g_strstrip (end) != '\0')
          store_text (object, member, text);
        else if (spec->kind == GD_FIELD_INT && value == (gint64) value)
          json_object_set_int_member (object, member, (gint64) value);
        else
          json_object_set_double_member (object, member, value);
        break;
      }
    case GD_FIELD_NAMES:
      {
        g_auto(GStrv) parts = g_regex_split_simple ("[、,，;；]+",
                                                    gtk_editable_get_text (GTK_EDITABLE (field->widget)),
                                                    0, 0);
        JsonArray *array = json_array_new ();

        for (guint i = 0; parts[i] != NULL; i++)
          if (*g_strstrip (parts[i]) != '\0')
            json_array_add_string_element (array, parts[i]);
        if (json_array_get_length (array) > 0)
          json_object_set_array_member (object, member, array);
        else
          {
            json_array_unref (array);
            if (json_object_has_member (object, member))
              json_object_remove_member (object, member);
          }
        break;
      }
    case GD_FIELD_TEXT:
    default:
      store_text (object, member, gtk_editable_get_text (GTK_EDITABLE (field->widget)));
      break;
    }
}

void
gd_field_group_store (GdFieldGroup *fields,
                      JsonObject   *object)
{
  for (guint i = 0; i < fields->fields->len; i++)
    store_field (&g_array_index (fields->fields, Field, i), object);
}
