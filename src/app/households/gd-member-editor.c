/* gd-member-editor.c: the form of one household member.
 *
 * The form edits a member's JSON object in place: every change is written into it at once
 * (blank text removes the member), so the household editor can validate the whole
 * document after each change. Members the form does not know are kept as they are.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-member-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-format.h"
#include "gd-idcard.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-member-editor.h"

/* Shared form helpers */

struct _GdFieldMessage
{
  GtkWidget         *row;    /* the message row (owns this struct) */
  GtkWidget         *field;  /* the form row the message is about */
  char              *title;  /* its title without a hint */
  GtkWidget         *input;  /* gets the .error / .warning style */
  GtkImage          *icon;
  GtkLabel          *label;
  GtkButton         *link;
  char              *target;
  GdFieldLinkFunc    func;
  gpointer           user_data;
  GdFieldMessageKind kind;
};

static void
field_message_free (gpointer data)
{
  GdFieldMessage *message = data;

  g_free (message->target);
  g_free (message->title);
  g_free (message);
}

static void
on_field_message_link_clicked (GtkButton      *button,
                               GdFieldMessage *message)
{
  g_autofree char *target = g_strdup (message->target);

  if (message->func != NULL && target != NULL)
    message->func (target, message->user_data);
}

GdFieldMessage *
gd_field_message_new (GtkWidget *row,
                      GtkWidget *input)
{
  GdFieldMessage *message;
  GtkWidget *list, *box;

  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (input), NULL);
  list = gtk_widget_get_parent (row);
  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  message = g_new0 (GdFieldMessage, 1);
  message->input = input;
  message->field = row;
  if (ADW_IS_PREFERENCES_ROW (row))
    message->title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  message->row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message->row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (message->row), FALSE);
  gtk_widget_set_focusable (message->row, FALSE);
  gtk_widget_set_visible (message->row, FALSE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  message->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (message->icon), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (message->icon));

  message->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (message->label, TRUE);
  gtk_label_set_wrap_mode (message->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (message->label, 0.0);
  gtk_label_set_selectable (message->label, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (message->label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (message->label));

  message->link = GTK_BUTTON (gtk_button_new ());
  gtk_widget_add_css_class (GTK_WIDGET (message->link), "flat");
  gtk_widget_set_valign (GTK_WIDGET (message->link), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (message->link), FALSE);
  g_signal_connect (message->link, "clicked", G_CALLBACK (on_field_message_link_clicked), message);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (message->link));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (message->row), box);
  g_object_set_data_full (G_OBJECT (message->row), "gd-field-message", message, field_message_free);
  gtk_list_box_insert (GTK_LIST_BOX (list), message->row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  return message;
}

static void
set_kind_class (GtkWidget         *widget,
                GdFieldMessageKind kind)
{
  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "dim-label");
  if (kind == GD_FIELD_MESSAGE_ERROR)
    gtk_widget_add_css_class (widget, "error");
  else if (kind == GD_FIELD_MESSAGE_WARNING)
    gtk_widget_add_css_class (widget, "warning");
  else if (kind == GD_FIELD_MESSAGE_HINT)
    gtk_widget_add_css_class (widget, "dim-label");
}

void
gd_field_message_set (GdFieldMessage    *message,
                      GdFieldMessageKind kind,
                      const char        *text)
{
  g_return_if_fail (message != NULL);

  if (text == NULL || *text == '\0')
    kind = GD_FIELD_MESSAGE_NONE;
  message->kind = kind;
  /* A hint ("Required" on a field not touched yet) takes no room of its own: it goes into
   * the entry's title, which is its placeholder while empty, or a row's subtitle. */
  gtk_widget_set_visible (message->row, kind != GD_FIELD_MESSAGE_NONE
                                        && kind != GD_FIELD_MESSAGE_HINT);
  if (ADW_IS_ENTRY_ROW (message->field) && message->title != NULL)
    {
      g_autofree char *title = NULL;

      if (kind == GD_FIELD_MESSAGE_HINT)
        /* Translators: an entry's title and a hint like "Required": "姓名（必填）" */
        title = g_strdup_printf (_("%s (%s)"), message->title, text);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message->field),
                                     title != NULL ? title : message->title);
    }
  else if (ADW_IS_ACTION_ROW (message->field))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (message->field),
                                 kind == GD_FIELD_MESSAGE_HINT ? text : "");
  gtk_label_set_text (message->label, kind != GD_FIELD_MESSAGE_NONE ? text : "");
  set_kind_class (GTK_WIDGET (message->label), kind);
  set_kind_class (GTK_WIDGET (message->icon), kind);
  gtk_widget_set_visible (GTK_WIDGET (message->icon),
                          kind == GD_FIELD_MESSAGE_ERROR || kind == GD_FIELD_MESSAGE_WARNING);
  gtk_image_set_from_icon_name (message->icon, kind == GD_FIELD_MESSAGE_ERROR
                                               ? "dialog-error-symbolic"
                                               : "dialog-warning-symbolic");

  /* the input is marked only for problems, not for hints */
  set_kind_class (message->input, kind == GD_FIELD_MESSAGE_HINT ? GD_FIELD_MESSAGE_NONE : kind);
  gtk_accessible_update_state (GTK_ACCESSIBLE (message->input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               kind == GD_FIELD_MESSAGE_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                              : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (kind != GD_FIELD_MESSAGE_NONE)
    gtk_accessible_update_property (GTK_ACCESSIBLE (message->input),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (message->input),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  g_clear_pointer (&message->target, g_free);
  message->func = NULL;
  message->user_data = NULL;
  gtk_widget_set_visible (GTK_WIDGET (message->link), FALSE);
}

void
gd_field_message_set_link (GdFieldMessage *message,
                           const char     *label,
                           const char     *target,
                           GdFieldLinkFunc func,
                           gpointer        user_data)
{
  g_return_if_fail (message != NULL);
  g_return_if_fail (label != NULL && target != NULL);

  g_free (message->target);
  message->target = g_strdup (target);
  message->func = func;
  message->user_data = user_data;
  gtk_button_set_label (message->link, label);
  gtk_widget_set_visible (GTK_WIDGET (message->link), TRUE);
}

GdFieldMessageKind
gd_field_message_get_kind (GdFieldMessage *message)
{
  g_return_val_if_fail (message != NULL, GD_FIELD_MESSAGE_NONE);
  return message->kind;
}

GtkLabel *
gd_field_message_get_label (GdFieldMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->label;
}

static gboolean
is_blank_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000;
}

static char *
trim_text (const char *text)
{
  const char *start, *end;

  if (text == NULL)
    return NULL;
  start = text;
  while (*start != '\0' && is_blank_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_blank_char (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return end > start ? g_strndup (start, (gsize) (end - start)) : NULL;
}

char *
gd_entry_row_dup_text (AdwEntryRow *row)
{
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);
  return trim_text (gtk_editable_get_text (GTK_EDITABLE (row)));
}

void
gd_json_set_text (JsonObject *object,
                  const char *member,
                  const char *text)
{
  g_autofree char *trimmed = trim_text (text);

  g_return_if_fail (object != NULL && member != NULL);
  if (trimmed != NULL)
    json_object_set_string_member (object, member, trimmed);
  else if (json_object_has_member (object, member))
    json_object_remove_member (object, member);
}

void
gd_accessible_set_label (GtkWidget  *widget,
                         const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
gd_editor_install_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done || gdk_display_get_default () == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
    /* the household editor's banner: why Save is refused */
    ".gd-banner { background-color: alpha(@accent_bg_color, 0.08); }"
    ".gd-banner.gd-error { background-color: alpha(@error_color, 0.10); }"
    /* care tags in the person window */
    ".gd-pill { padding: 3px 10px; border-radius: 999px; font-size: smaller; font-weight: bold;"
    "  background-color: alpha(@accent_bg_color, 0.15); color: @accent_color; }"
    ".gd-pill.gd-sensitive { background-color: alpha(@warning_color, 0.18);"
    "  color: @warning_color; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Date rows: a calendar in a popover fills the entry */

static void
on_calendar_day_selected (GtkCalendar *calendar,
                          AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;
  GtkWidget *popover;

  if (g_object_get_data (G_OBJECT (calendar), "gd-syncing") != NULL)
    return;
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_calendar_popover_show (GtkPopover  *popover,
                          GtkCalendar *calendar)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (calendar), "gd-row");
  GDate date;
  g_autoptr(GDateTime) at = NULL;

  g_date_clear (&date, 1);
  if (!gd_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &date))
    return;
  at = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  if (at == NULL)
    return;
  g_object_set_data (G_OBJECT (calendar), "gd-syncing", GINT_TO_POINTER (1));
  gtk_calendar_select_day (calendar, at);
  g_object_set_data (G_OBJECT (calendar), "gd-syncing", NULL);
}

void
gd_date_row_add_calendar (AdwEntryRow *row)
{
  GtkWidget *button, *popover, *calendar;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  calendar = gtk_calendar_new ();
  g_object_set_data (G_OBJECT (calendar), "gd-row", row);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected), row);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect (popover, "show", G_CALLBACK (on_calendar_popover_show), calendar);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a date"), -1);
  adw_entry_row_add_suffix (row, button);
}

/* The member editor */

typedef enum {
  FIELD_NAME,
  FIELD_ID_TYPE,
  FIELD_ID_NUMBER,
  FIELD_SEX,
  FIELD_BIRTH_DATE,
  FIELD_ETHNICITY,
  FIELD_RELATION,
  FIELD_RESIDENCE,
  FIELD_HUKOU_ADDRESS,
  FIELD_PHONE,
  FIELD_EDUCATION,
  FIELD_OCCUPATION,
  FIELD_EMPLOYER,
  FIELD_POLITICAL_STATUS,
  N_ROW_FIELDS,
} FieldId;

typedef struct
{
  const char     *key;    /* the JSON member */
  const char     *list;   /* code list of a drop-down, or NULL for text */
  gboolean        allow_none;
  GtkWidget      *row;
  GtkWidget      *input;  /* the entry row, or the drop-down */
  GdFieldMessage *message;
} Field;

typedef struct
{
  GtkWidget *button; /* reveal / hide */
  GtkWidget *lock;   /* shown instead when the role may not reveal */
  gboolean   revealed;
} Reveal;

struct _GdMemberEditor
{
  AdwBin parent_instance;

  /* template children */
  AdwAvatar   *avatar;
  GtkLabel    *heading_label;
  GtkLabel    *subheading_label;
  AdwEntryRow *name_row;
  AdwActionRow *id_type_row;
  AdwEntryRow *id_number_row;
  AdwActionRow *sex_row;
  AdwEntryRow *birth_date_row;
  AdwActionRow *ethnicity_row;
  AdwActionRow *relation_row;
  AdwActionRow *residence_row;
  AdwEntryRow *hukou_address_row;
  AdwEntryRow *phone_row;
  AdwActionRow *education_row;
  AdwEntryRow *occupation_row;
  AdwEntryRow *employer_row;
  AdwActionRow *political_status_row;
  GtkFlowBox  *tags_box;
  GtkLabel    *tags_message_label;
  GtkTextView *notes_view;

  Field        fields[N_ROW_FIELDS];
  GPtrArray   *tag_buttons;   /* GtkCheckButton, in care-tags table order */
  Reveal       id_reveal;
  Reveal       phone_reveal;
  gboolean     reveal_allowed;
  char        *reveal_reason;

  JsonObject  *member;
  gboolean     loading;       /* widgets are being filled: no writes, no signals */
};

G_DEFINE_FINAL_TYPE (GdMemberEditor, gd_member_editor, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REVEAL_REQUESTED,
  SIGNAL_OPEN_HOUSEHOLD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Field *
field_by_key (GdMemberEditor *self,
              const char     *key)
{
  for (guint i = 0; i < N_ROW_FIELDS; i++)
    if (g_str_equal (self->fields[i].key, key))
      return &self->fields[i];
  return NULL;
}

static const char *
member_string (GdMemberEditor *self,
               const char     *key)
{
  return self->member != NULL ? gd_json_get_string (self->member, key) : NULL;
}

/* "户主 · 46 岁" under the name */
static void
update_heading (GdMemberEditor *self)
{
  const char *name = member_string (self, "name");
  const char *relation = member_string (self, "relation");
  const char *birth = member_string (self, "birth_date");
  g_autoptr(GString) sub = g_string_new (NULL);
  GDate date;

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->heading_label, name != NULL ? name : _("New member"));
  if (relation != NULL)
    g_string_append (sub, gd_code_display_name ("relationship", relation));
  g_date_clear (&date, 1);
  if (birth != NULL && gd_date_parse (birth, &date))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int age = g_date_time_get_year (now) - g_date_get_year (&date);

      if (g_date_time_get_month (now) < (int) g_date_get_month (&date)
          || (g_date_time_get_month (now) == (int) g_date_get_month (&date)
              && g_date_time_get_day_of_month (now) < g_date_get_day (&date)))
        age--;
      if (age >= 0)
        {
          if (sub->len > 0)
            g_string_append (sub, " · ");
          g_string_append_printf (sub, g_dngettext (GETTEXT_PACKAGE, "%d year old",
                                                    "%d years old", (gulong) age), age);
        }
    }
  gtk_label_set_text (self->subheading_label, sub->str);
  gtk_widget_set_visible (GTK_WIDGET (self->subheading_label), sub->len > 0);
}

/* The masked or full number in a reveal row */
static void
show_secret (GdMemberEditor *self,
             FieldId         id)
{
  Field *field = &self->fields[id];
  Reveal *reveal = id == FIELD_ID_NUMBER ? &self->id_reveal : &self->phone_reveal;
  const char *value = member_string (self, field->key);
  gboolean has_value = value != NULL && *value != '\0';
  gboolean shown = reveal->revealed || !has_value;
  g_autofree char *masked = NULL;
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  if (shown)
    gtk_editable_set_text (GTK_EDITABLE (field->row), value != NULL ? value : "");
  else
    {
      masked = id == FIELD_ID_NUMBER ? gd_mask_id_number (value) : gd_mask_phone (value);
      gtk_editable_set_text (GTK_EDITABLE (field->row), masked);
    }
  self->loading = was_loading;
  gtk_editable_set_editable (GTK_EDITABLE (field->row), shown);

  /* a hidden number can be revealed (if the role allows); a revealed one hidden again */
  gtk_widget_set_visible (reveal->button,
                          has_value && (reveal->revealed || self->reveal_allowed));
  gtk_widget_set_visible (reveal->lock, has_value && !reveal->revealed && !self->reveal_allowed);
  if (reveal->revealed)
    {
      gtk_button_set_icon_name (GTK_BUTTON (reveal->button), "view-conceal-symbolic");
      gtk_widget_set_tooltip_text (reveal->button, _("Hide the number"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (reveal->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      id == FIELD_ID_NUMBER ? _("Hide ID number") : _("Hide phone"),
                                      -1);
    }
  else
    {
      gtk_button_set_icon_name (GTK_BUTTON (reveal->button), "view-reveal-symbolic");
      gtk_widget_set_tooltip_text (reveal->button,
                                   _("Show the full number (written to the audit log)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (reveal->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      id == FIELD_ID_NUMBER ? _("Reveal ID number")
                                                            : _("Reveal phone"),
                                      -1);
    }
  gtk_widget_set_tooltip_text (reveal->lock, self->reveal_reason);
}

static void
load_member (GdMemberEditor *self)
{
  JsonArray *tags;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  const char *notes;

  self->loading = TRUE;
  for (guint i = 0; i < N_ROW_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      const char *value = member_string (self, field->key);

      if (i == FIELD_ID_NUMBER || i == FIELD_PHONE)
        continue;
      if (field->list != NULL)
        {
          if (!gd_code_dropdown_set_code (GTK_DROP_DOWN (field->input), value))
            gd_code_dropdown_set_code (GTK_DROP_DOWN (field->input), NULL);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (field->row), value != NULL ? value : "");
    }
  show_secret (self, FIELD_ID_NUMBER);
  show_secret (self, FIELD_PHONE);

  tags = self->member != NULL ? gd_json_get_array (self->member, "tags") : NULL;
  for (guint i = 0; i < self->tag_buttons->len; i++)
    {
      GtkCheckButton *check = self->tag_buttons->pdata[i];
      const char *code = g_object_get_data (G_OBJECT (check), "gd-code");
      gboolean active = FALSE;

      for (guint k = 0; tags != NULL && k < json_array_get_length (tags); k++)
        {
          JsonNode *node = json_array_get_element (tags, k);
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
              && g_strcmp0 (json_node_get_string (node), code) == 0)
            active = TRUE;
        }
      gtk_check_button_set_active (check, active);
    }

  notes = member_string (self, "notes");
  gtk_text_buffer_set_text (buffer, notes != NULL ? notes : "", -1);
  self->loading = FALSE;

  update_heading (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->member != NULL);
}

static void
emit_changed (GdMemberEditor *self,
              const char     *key)
{
  if (g_str_equal (key, "name") || g_str_equal (key, "relation")
      || g_str_equal (key, "birth_date"))
    update_heading (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, key);
}

/* A valid citizen ID fills an empty birth date and sex; disagreements are the validator's
 * warnings (the operator decides). */
static void
fill_from_id (GdMemberEditor *self)
{
  const char *id_type = member_string (self, "id_type");
  const char *number = member_string (self, "id_number");
  const char *sex = member_string (self, "sex");
  Field *sex_field = &self->fields[FIELD_SEX];
  GdIdCard card;

  if (number == NULL || (id_type != NULL && !g_str_equal (id_type, "resident_id")))
    return;
  if (!gd_idcard_parse (number, NULL, &card, NULL))
    return;
  if (member_string (self, "birth_date") == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), card.birth_date);
  if (sex == NULL || g_str_equal (sex, "0"))
    {
      g_autofree char *code = g_strdup_printf ("%d", (int) card.sex);
      gd_code_dropdown_set_code (GTK_DROP_DOWN (sex_field->input), code);
    }
}

static void
on_entry_changed (GtkEditable    *editable,
                  GdMemberEditor *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "gd-field");

  if (self->loading || self->member == NULL || field == NULL)
    return;
  if (!gtk_editable_get_editable (editable))
    return; /* a masked number is shown, the real one stays */
  gd_json_set_text (self->member, field->key, gtk_editable_get_text (editable));
  emit_changed (self, field->key);
  if (field == &self->fields[FIELD_ID_NUMBER])
    fill_from_id (self);
}

static void
on_dropdown_selected (GtkDropDown    *dropdown,
                      GParamSpec     *pspec,
                      GdMemberEditor *self)
{
  Field *field = g_object_get_data (G_OBJECT (dropdown), "gd-field");

  if (self->loading || self->member == NULL || field == NULL)
    return;
  gd_json_set_text (self->member, field->key, gd_code_dropdown_get_code (dropdown));
  emit_changed (self, field->key);
  if (field == &self->fields[FIELD_ID_TYPE])
    fill_from_id (self);
}

static void
on_tag_toggled (GtkCheckButton *check,
                GdMemberEditor *self)
{
  JsonArray *tags;

  if (self->loading || self->member == NULL)
    return;
  tags = json_array_new ();
  for (guint i = 0; i < self->tag_buttons->len; i++)
    {
      GtkCheckButton *button = self->tag_buttons->pdata[i];
      if (gtk_check_button_get_active (button))
        json_array_add_string_element (tags, g_object_get_data (G_OBJECT (button), "gd-code"));
    }
  if (json_array_get_length (tags) > 0)
    json_object_set_array_member (self->member, "tags", tags);
  else
    {
      json_array_unref (tags);
      if (json_object_has_member (self->member, "tags"))
        json_object_remove_member (self->member, "tags");
    }
  emit_changed (self, "tags");
}

static void
on_notes_changed (GtkTextBuffer  *buffer,
                  GdMemberEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading || self->member == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gd_json_set_text (self->member, "notes", text);
  emit_changed (self, "notes");
}

static void
on_reveal_clicked (GtkButton      *button,
                   GdMemberEditor *self)
{
  gboolean id = button == GTK_BUTTON (self->id_reveal.button);
  Reveal *reveal = id ? &self->id_reveal : &self->phone_reveal;

  if (reveal->revealed)
    {
      /* hiding needs no permission and is not audited */
      reveal->revealed = FALSE;
      show_secret (self, id ? FIELD_ID_NUMBER : FIELD_PHONE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_REVEAL_REQUESTED], 0, id ? "id_number" : "phone");
}

static void
setup_reveal (GdMemberEditor *self,
              AdwEntryRow    *row,
              Reveal         *reveal)
{
  reveal->button = gtk_button_new_from_icon_name ("view-reveal-symbolic");
  gtk_widget_set_valign (reveal->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reveal->button, "flat");
  g_signal_connect (reveal->button, "clicked", G_CALLBACK (on_reveal_clicked), self);
  adw_entry_row_add_suffix (row, reveal->button);

  reveal->lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  gtk_widget_set_valign (reveal->lock, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reveal->lock, "dim-label");
  gtk_widget_set_visible (reveal->lock, FALSE);
  adw_entry_row_add_suffix (row, reveal->lock);
}

static void
on_message_link (const char *target,
                 gpointer    user_data)
{
  g_signal_emit (GD_MEMBER_EDITOR (user_data), signals[SIGNAL_OPEN_HOUSEHOLD], 0, target);
}

static void
setup_field (GdMemberEditor *self,
             FieldId         id,
             const char     *key,
             gpointer        row,
             const char     *list,
             gboolean        allow_none)
{
  Field *field = &self->fields[id];

  field->key = key;
  field->row = GTK_WIDGET (row);
  field->list = list;
  field->allow_none = allow_none;
  if (list != NULL)
    {
      GtkDropDown *dropdown = gd_code_dropdown_new (list, allow_none);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      field->input = GTK_WIDGET (dropdown);
      gtk_widget_set_valign (field->input, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->input);
      gd_accessible_set_label (field->input, title);
      g_object_set_data (G_OBJECT (dropdown), "gd-field", field);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected), self);
    }
  else
    {
      field->input = GTK_WIDGET (row);
      gd_accessible_set_label (field->input, NULL);
      g_object_set_data (G_OBJECT (row), "gd-field", field);
      g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed), self);
    }
  field->message = gd_field_message_new (field->row, field->input);
}

static void
setup_tags (GdMemberEditor *self)
{
  GdCodeTable *table = gd_codes_get ("care-tags");

  self->tag_buttons = g_ptr_array_new ();
  for (guint i = 0; table != NULL && i < gd_code_table_get_n_items (table); i++)
    {
      const GdCodeItem *item = gd_code_table_get_item (table, i);
      GtkWidget *check = gtk_check_button_new_with_label (gd_code_display_name ("care-tags",
                                                                                item->code));

      g_object_set_data (G_OBJECT (check), "gd-code", (gpointer) item->code);
      if (gd_code_item_is_sensitive (item))
        gtk_widget_set_tooltip_text (check, _("Sensitive: hidden in lists and read-only views"));
      g_signal_connect (check, "toggled", G_CALLBACK (on_tag_toggled), self);
      gtk_flow_box_append (self->tags_box, check);
      /* the flow box children are not focus stops of their own */
      gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);
      g_ptr_array_add (self->tag_buttons, check);
    }
}

static void
gd_member_editor_dispose (GObject *object)
{
  GdMemberEditor *self = GD_MEMBER_EDITOR (object);

  self->loading = TRUE; /* tearing down emits changes: write nothing */
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_MEMBER_EDITOR);
  G_OBJECT_CLASS (gd_member_editor_parent_class)->dispose (object);
}

static void
gd_member_editor_finalize (GObject *object)
{
  GdMemberEditor *self = GD_MEMBER_EDITOR (object);

  g_clear_pointer (&self->member, json_object_unref);
  g_clear_pointer (&self->tag_buttons, g_ptr_array_unref);
  g_free (self->reveal_reason);
  G_OBJECT_CLASS (gd_member_editor_parent_class)->finalize (object);
}

static void
gd_member_editor_class_init (GdMemberEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_member_editor_dispose;
  object_class->finalize = gd_member_editor_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_REVEAL_REQUESTED] =
    g_signal_new ("reveal-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_OPEN_HOUSEHOLD] =
    g_signal_new ("open-household", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gd-member-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, avatar);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, subheading_label);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, id_type_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, id_number_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, sex_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, ethnicity_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, relation_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, residence_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, hukou_address_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, education_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, occupation_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, employer_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, political_status_row);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, tags_box);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, tags_message_label);
  gtk_widget_class_bind_template_child (widget_class, GdMemberEditor, notes_view);
}

static void
gd_member_editor_init (GdMemberEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_field (self, FIELD_NAME, "name", self->name_row, NULL, FALSE);
  setup_field (self, FIELD_ID_TYPE, "id_type", self->id_type_row, "id-types", FALSE);
  setup_field (self, FIELD_ID_NUMBER, "id_number", self->id_number_row, NULL, FALSE);
  setup_field (self, FIELD_SEX, "sex", self->sex_row, "sex", TRUE);
  setup_field (self, FIELD_BIRTH_DATE, "birth_date", self->birth_date_row, NULL, FALSE);
  setup_field (self, FIELD_ETHNICITY, "ethnicity", self->ethnicity_row, "ethnicity", TRUE);
  setup_field (self, FIELD_RELATION, "relation", self->relation_row, "relationship", TRUE);
  setup_field (self, FIELD_RESIDENCE, "residence", self->residence_row, "residence", TRUE);
  setup_field (self, FIELD_HUKOU_ADDRESS, "hukou_address", self->hukou_address_row, NULL, FALSE);
  setup_field (self, FIELD_PHONE, "phone", self->phone_row, NULL, FALSE);
  setup_field (self, FIELD_EDUCATION, "education", self->education_row, "education", TRUE);
  setup_field (self, FIELD_OCCUPATION, "occupation", self->occupation_row, NULL, FALSE);
  setup_field (self, FIELD_EMPLOYER, "employer", self->employer_row, NULL, FALSE);
  setup_field (self, FIELD_POLITICAL_STATUS, "political_status", self->political_status_row,
               "political-status", TRUE);
  setup_reveal (self, self->id_number_row, &self->id_reveal);
  setup_reveal (self, self->phone_row, &self->phone_reveal);
  gd_date_row_add_calendar (self->birth_date_row);
  setup_tags (self);

  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (on_notes_changed), self);

  self->reveal_allowed = TRUE;
  load_member (self);
}

GtkWidget *
gd_member_editor_new (void)
{
  return g_object_new (GD_TYPE_MEMBER_EDITOR, NULL);
}

void
gd_member_editor_set_member (GdMemberEditor *self,
                             JsonObject     *member,
                             gboolean        id_revealed,
                             gboolean        phone_revealed)
{
  g_return_if_fail (GD_IS_MEMBER_EDITOR (self));

  if (member != NULL)
    json_object_ref (member);
  g_clear_pointer (&self->member, json_object_unref);
  self->member = member;
  self->id_reveal.revealed = id_revealed;
  self->phone_reveal.revealed = phone_revealed;
  gd_member_editor_clear_messages (self);
  load_member (self);
}

JsonObject *
gd_member_editor_get_member (GdMemberEditor *self)
{
  g_return_val_if_fail (GD_IS_MEMBER_EDITOR (self), NULL);
  return self->member;
}

void
gd_member_editor_set_reveal_allowed (GdMemberEditor *self,
                                     gboolean        allowed,
                                     const char     *reason)
{
  g_return_if_fail (GD_IS_MEMBER_EDITOR (self));

  self->reveal_allowed = allowed;
  g_free (self->reveal_reason);
  self->reveal_reason = g_strdup (reason);
  show_secret (self, FIELD_ID_NUMBER);
  show_secret (self, FIELD_PHONE);
}

void
gd_member_editor_set_revealed (GdMemberEditor *self,
                               const char     *field,
                               gboolean        revealed)
{
  g_return_if_fail (GD_IS_MEMBER_EDITOR (self));
  g_return_if_fail (field != NULL);

  if (g_str_equal (field, "id_number"))
    {
      self->id_reveal.revealed = revealed;
      show_secret (self, FIELD_ID_NUMBER);
    }
  else if (g_str_equal (field, "phone"))
    {
      self->phone_reveal.revealed = revealed;
      show_secret (self, FIELD_PHONE);
    }
}

void
gd_member_editor_clear_messages (GdMemberEditor *self)
{
  g_return_if_fail (GD_IS_MEMBER_EDITOR (self));

  for (guint i = 0; i < N_ROW_FIELDS; i++)
    gd_field_message_set (self->fields[i].message, GD_FIELD_MESSAGE_NONE, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_message_label), FALSE);
}

gboolean
gd_member_editor_set_message (GdMemberEditor    *self,
                              const char        *field,
                              GdFieldMessageKind kind,
                              const char        *text)
{
  Field *f;

  g_return_val_if_fail (GD_IS_MEMBER_EDITOR (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (g_str_equal (field, "tags"))
    {
      gtk_label_set_text (self->tags_message_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->tags_message_label),
                              kind != GD_FIELD_MESSAGE_NONE && text != NULL);
      return TRUE;
    }
  f = field_by_key (self, field);
  if (f == NULL)
    return FALSE;
  /* the first message of a field wins: errors are handed in before warnings */
  if (kind != GD_FIELD_MESSAGE_NONE && gd_field_message_get_kind (f->message) != GD_FIELD_MESSAGE_NONE)
    return TRUE;
  gd_field_message_set (f->message, kind, text);
  return TRUE;
}

void
gd_member_editor_set_message_link (GdMemberEditor *self,
                                   const char     *field,
                                   const char     *label,
                                   const char     *doc_id)
{
  Field *f;

  g_return_if_fail (GD_IS_MEMBER_EDITOR (self));
  f = field != NULL ? field_by_key (self, field) : NULL;
  g_return_if_fail (f != NULL);
  gd_field_message_set_link (f->message, label, doc_id, on_message_link, self);
}

void
gd_member_editor_focus_field (GdMemberEditor *self,
                              const char     *field)
{
  Field *f;

  g_return_if_fail (GD_IS_MEMBER_EDITOR (self));
  f = field != NULL ? field_by_key (self, field) : NULL;
  if (f != NULL)
    gtk_widget_grab_focus (f->input);
}
