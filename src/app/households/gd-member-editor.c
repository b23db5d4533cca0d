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
