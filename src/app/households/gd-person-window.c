/* gd-person-window.c: one resident, read-only: details, care tags, their household.
 *
 * The ID number, the phone and sensitive care categories are masked; revealing one needs an
 * operator role that may, and is written to the audit log before anything is shown.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-person-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-codes.h"
#include "gd-format.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-person-window.h"


typedef enum {
  SECRET_ID_NUMBER,
  SECRET_PHONE,
  SECRET_TAGS,
  N_SECRETS
} SecretId;

typedef struct
{
  GtkLabel  *value;    /* NULL for the tags */
  GtkWidget *button;   /* reveal / hide */
  GtkWidget *lock;     /* shown when the role may not reveal */
  gboolean   revealed;
} Secret;

struct _GdPersonWindow
{
  AdwWindow parent_instance;

  /* template children */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  AdwStatusPage       *missing_page;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  GtkFlowBox          *tags_box;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *household_group;

  GdStore    *store;    /* the session\'s, kept while open */
  GdOperator *op;
  char       *doc_id;
  char       *member_id;
  JsonObject *household;
  char       *household_text; /* as last shown: a save of something else changes nothing */
  JsonObject *member;
  Secret      secrets[N_SECRETS];
  GPtrArray  *rows;           /* rows added to the two groups, removed on a refresh */
};

G_DEFINE_FINAL_TYPE (GdPersonWindow, gd_person_window, ADW_TYPE_WINDOW)

enum {
  SIGNAL_OPEN_HOUSEHOLD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Element `index` as an object or a string, or NULL (never a critical on odd data). */
static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
array_string (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static const char *
member_string (GdPersonWindow *self,
               const char     *key)
{
  return gd_json_get_string (self->member, key);
}

/* Whole years from `birth_date` (YYYY-MM-DD) to today, or -1. */
static int
age_of (const char *birth_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;
  int age;

  g_date_clear (&date, 1);
  if (birth_date == NULL || !gd_date_parse (birth_date, &date))
    return -1;
  age = g_date_time_get_year (now) - g_date_get_year (&date);
  if (g_date_time_get_month (now) < (int) g_date_get_month (&date)
      || (g_date_time_get_month (now) == (int) g_date_get_month (&date)
          && g_date_time_get_day_of_month (now) < g_date_get_day (&date)))
    age--;
  return age >= 0 ? age : -1;
}

static char *
age_text (int age)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year old", "%d years old",
                                       (gulong) age), age);
}

static GtkWidget *
pill_new (const char *text,
          gboolean    sensitive)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "gd-pill");
  if (sensitive)
    gtk_widget_add_css_class (label, "gd-sensitive");
  return label;
}

/* Adds `row` to `group`, remembered for the next refresh (in the window's "gd-rows"). */
static void
add_row (AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  GdPersonWindow *self = GD_PERSON_WINDOW (gtk_widget_get_root (GTK_WIDGET (group)));

  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (GdPersonWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  /* the tags' reveal button and lock are made again with the rows */
  g_clear_object (&self->secrets[SECRET_TAGS].button);
  g_clear_object (&self->secrets[SECRET_TAGS].lock);
}

/* A "title ... value" row; NULL or empty values show a dim dash. */
static GtkLabel *
add_property_row (AdwPreferencesGroup *group,
                  const char          *title,
                  const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  add_row (group, row);
  return GTK_LABEL (label);
}

static void
add_code_row (GdPersonWindow *self,
              const char     *title,
              const char     *key,
              const char     *list)
{
  add_property_row (self->details_group, title,
                    gd_code_display_name (list, member_string (self, key)));
}

/* Tags: the plain ones always, the sensitive ones only when revealed. */
static void
show_tags (GdPersonWindow *self)
{
  JsonArray *tags = gd_json_get_array (self->member, "tags");
  GdCodeTable *table = gd_codes_get ("care-tags");
  Secret *secret = &self->secrets[SECRET_TAGS];
  GtkWidget *child;
  guint hidden = 0, shown = 0;

  /* the reveal button and lock are kept (referenced) across rebuilds */
  if (gtk_widget_get_parent (secret->button) != NULL)
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (secret->button)), secret->button);
  if (gtk_widget_get_parent (secret->lock) != NULL)
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (secret->lock)), secret->lock);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      const char *code = array_string (tags, i);
      const GdCodeItem *item = table != NULL && code != NULL ? gd_code_table_lookup (table, code) : NULL;
      gboolean sensitive = item != NULL && gd_code_item_is_sensitive (item);

      if (code == NULL)
        continue;
      if (sensitive && !secret->revealed)
        {
          hidden++;
          continue;
        }
      gtk_flow_box_append (self->tags_box,
                           pill_new (gd_code_display_name ("care-tags", code), sensitive));
      shown++;
    }
  if (hidden > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u sensitive category hidden",
                                                            "%u sensitive categories hidden",
                                                            hidden), hidden);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

      gtk_box_append (GTK_BOX (box), pill_new (text, TRUE));
      gtk_widget_set_visible (secret->button, gd_role_may_reveal (self->op->role));
      gtk_widget_set_visible (secret->lock, !gd_role_may_reveal (self->op->role));
      gtk_widget_set_tooltip_text (secret->button,
                                   _("Show the sensitive categories (written to the audit log)"));
      gtk_button_set_icon_name (GTK_BUTTON (secret->button), "view-reveal-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (secret->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Reveal sensitive categories"), -1);
      gtk_box_append (GTK_BOX (box), secret->button);
      gtk_box_append (GTK_BOX (box), secret->lock);
      gtk_flow_box_append (self->tags_box, box);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), shown > 0);
}

static void
show_secret (GdPersonWindow *self,
             SecretId        id)
{
  Secret *secret = &self->secrets[id];
  const char *value;
  g_autofree char *masked = NULL;
  gboolean may = gd_role_may_reveal (self->op->role);

  if (id == SECRET_TAGS)
    {
      show_tags (self);
      return;
    }
  value = member_string (self, id == SECRET_ID_NUMBER ? "id_number" : "phone");
  if (value == NULL || *value == '\0')
    {
      gtk_label_set_text (secret->value, "—");
      gtk_widget_set_visible (secret->button, FALSE);
      gtk_widget_set_visible (secret->lock, FALSE);
      return;
    }
  if (secret->revealed)
    gtk_label_set_text (secret->value, value);
  else
    {
      masked = id == SECRET_ID_NUMBER ? gd_mask_id_number (value) : gd_mask_phone (value);
      gtk_label_set_text (secret->value, masked);
    }
  gtk_widget_set_visible (secret->button, secret->revealed || may);
  gtk_widget_set_visible (secret->lock, !secret->revealed && !may);
  gtk_button_set_icon_name (GTK_BUTTON (secret->button),
                            secret->revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_widget_set_tooltip_text (secret->button,
                               secret->revealed ? _("Hide the number")
                                                : _("Show the full number (written to the audit log)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (secret->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  id == SECRET_ID_NUMBER
                                  ? (secret->revealed ? _("Hide ID number") : _("Reveal ID number"))
                                  : (secret->revealed ? _("Hide phone") : _("Reveal phone")),
                                  -1);
}

static void
on_reveal_clicked (GtkButton      *button,
                   GdPersonWindow *self)
{
  SecretId id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "gd-secret"));
  Secret *secret = &self->secrets[id];
  static const char *const fields[] = { "id_number", "phone", "care tags" };
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = member_string (self, "name");

  if (secret->revealed)
    {
      secret->revealed = FALSE;
      show_secret (self, id);
      return;
    }
  if (!gd_role_may_reveal (self->op->role))
    return;
  detail = g_strdup_printf ("%s of %s", fields[id], name != NULL ? name : "");
  if (!gd_store_audit (self->store, self->op->name, "reveal", self->doc_id, detail, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot show the number: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  secret->revealed = TRUE;
  show_secret (self, id);
}

static void
setup_secret (GdPersonWindow *self,
              SecretId        id,
              GtkLabel       *value,
              const char     *reason)
{
  Secret *secret = &self->secrets[id];

  secret->value = value;
  secret->button = gtk_button_new_from_icon_name ("view-reveal-symbolic");
  gtk_widget_set_valign (secret->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (secret->button, "flat");
  g_object_set_data (G_OBJECT (secret->button), "gd-secret", GINT_TO_POINTER (id));
  g_signal_connect (secret->button, "clicked", G_CALLBACK (on_reveal_clicked), self);

  secret->lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  gtk_widget_set_valign (secret->lock, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (secret->lock, "dim-label");
  gtk_widget_set_tooltip_text (secret->lock, reason);
  gtk_widget_set_visible (secret->lock, FALSE);

  if (value == NULL)
    {
      /* the tags' button moves between rebuilt pills: keep it alive */
      g_object_ref_sink (secret->button);
      g_object_ref_sink (secret->lock);
    }
  else
    {
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (value), ADW_TYPE_ACTION_ROW);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), secret->button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), secret->lock);
      /* the number is in the label; only the real one may be copied */
      gtk_label_set_selectable (value, FALSE);
    }
}

static void
show_household (GdPersonWindow *self)
{
  JsonArray *members = gd_json_get_array (self->household, "members");
  const char *head = NULL;
  GtkWidget *row;

  add_property_row (self->household_group, _("Household number"),
                    gd_json_get_string (self->household, "number"));
  add_property_row (self->household_group, _("Address"),
                    gd_json_get_string (self->household, "address"));
  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *other = array_object (members, i);
      if (other != NULL && g_strcmp0 (gd_json_get_string (other, "relation"), HEAD_RELATION) == 0)
        head = gd_json_get_string (other, "name");
    }
  add_property_row (self->household_group, _("Head of household"), head);

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *other = array_object (members, i);
      const char *relation;
      int age;
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (other == NULL || g_strcmp0 (gd_json_get_string (other, "id"), self->member_id) == 0)
        continue;
      relation = gd_json_get_string (other, "relation");
      g_string_append (subtitle, relation != NULL ? gd_code_display_name ("relationship", relation)
                                                  : "");
      age = age_of (gd_json_get_string (other, "birth_date"));
      if (age >= 0)
        {
          g_autofree char *years = age_text (age);
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, years);
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     gd_json_get_string (other, "name") ? gd_json_get_string (other, "name") : "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 adw_avatar_new (32, gd_json_get_string (other, "name"), TRUE));
      add_row (self->household_group, row);
    }
}

static void
show_person (GdPersonWindow *self)
{
  const char *name = member_string (self, "name");
  const char *relation = member_string (self, "relation");
  const char *sex = member_string (self, "sex");
  const char *birth = member_string (self, "birth_date");
  const char *number = gd_json_get_string (self->household, "number");
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *household_title = NULL;
  g_autofree char *birth_text = NULL;
  g_autofree char *reason = NULL;
  GtkLabel *id_label, *phone_label;
  int age = age_of (birth);

  household_title = g_strdup_printf (_("Household %s"), number != NULL ? number : "");
  adw_window_title_set_title (self->window_title, name != NULL ? name : "—");
  adw_window_title_set_subtitle (self->window_title, household_title);
  gtk_window_set_title (GTK_WINDOW (self), name != NULL ? name : "");
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->name_label, name != NULL ? name : "—");

  /* "女性 · 21 岁 · 与户主关系：女" (relations like 女 "daughter" need their label) */
  if (sex != NULL && (g_str_equal (sex, "1") || g_str_equal (sex, "2")))
    g_string_append (summary, gd_code_display_name ("sex", sex));
  if (age >= 0)
    {
      g_autofree char *years = age_text (age);
      if (summary->len > 0)
        g_string_append (summary, " · ");
      g_string_append (summary, years);
    }
  if (relation != NULL)
    {
      if (summary->len > 0)
        g_string_append (summary, " · ");
      if (g_str_equal (relation, HEAD_RELATION))
        g_string_append (summary, gd_code_display_name ("relationship", relation));
      else
        g_string_append_printf (summary, _("Relation to head: %s"),
                                gd_code_display_name ("relationship", relation));
    }
  gtk_label_set_text (self->summary_label, summary->str);

  reason = g_strdup_printf (_("Your role (%s) may not see full ID and phone numbers"),
                            gd_role_display_name (self->op->role));

  id_label = add_property_row (self->details_group, _("ID number"), NULL);
  setup_secret (self, SECRET_ID_NUMBER, id_label, reason);
  phone_label = add_property_row (self->details_group, _("Phone"), NULL);
  setup_secret (self, SECRET_PHONE, phone_label, reason);
  setup_secret (self, SECRET_TAGS, NULL, reason);

  add_code_row (self, _("ID type"), "id_type", "id-types");
  add_code_row (self, _("Sex"), "sex", "sex");
  if (birth != NULL)
    {
      g_autofree char *date = gd_format_date (birth);
      if (age >= 0)
        {
          g_autofree char *years = age_text (age);
          /* Translators: a birth date and the age, "1979年10月20日（46 岁）" */
          birth_text = g_strdup_printf (_("%s (%s)"), date, years);
        }
      else
        birth_text = g_steal_pointer (&date);
    }
  add_property_row (self->details_group, _("Birth date"), birth_text);
  add_code_row (self, _("Ethnicity"), "ethnicity", "ethnicity");
  add_code_row (self, _("Relation to head"), "relation", "relationship");
  add_code_row (self, _("Residence"), "residence", "residence");
  add_property_row (self->details_group, _("Hukou address"), member_string (self, "hukou_address"));
  add_code_row (self, _("Education"), "education", "education");
  add_property_row (self->details_group, _("Occupation"), member_string (self, "occupation"));
  add_property_row (self->details_group, _("Employer"), member_string (self, "employer"));
  add_code_row (self, _("Political status"), "political_status", "political-status");
  if (member_string (self, "notes") != NULL)
    add_property_row (self->details_group, _("Notes"), member_string (self, "notes"));

  for (guint i = 0; i < N_SECRETS; i++)
    show_secret (self, (SecretId) i);
  show_household (self);
  gtk_stack_set_visible_child_name (self->stack, "person");
}

static void
on_edit_clicked (GdPersonWindow *self)
{
  if (self->doc_id != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_HOUSEHOLD], 0, self->doc_id);
}

static void
gd_person_window_dispose (GObject *object)
{
  GdPersonWindow *self = GD_PERSON_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_PERSON_WINDOW);
  g_clear_object (&self->secrets[SECRET_TAGS].button);
  g_clear_object (&self->secrets[SECRET_TAGS].lock);
  G_OBJECT_CLASS (gd_person_window_parent_class)->dispose (object);
}

static void
gd_person_window_finalize (GObject *object)
{
  GdPersonWindow *self = GD_PERSON_WINDOW (object);

  g_clear_pointer (&self->op, gd_operator_free);
  g_clear_pointer (&self->store, gd_store_unref);
  g_free (self->doc_id);
  g_free (self->member_id);
  g_clear_pointer (&self->household, json_object_unref);
  g_free (self->household_text);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (gd_person_window_parent_class)->finalize (object);
}

static void
gd_person_window_class_init (GdPersonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_person_window_dispose;
  object_class->finalize = gd_person_window_finalize;

  signals[SIGNAL_OPEN_HOUSEHOLD] =
    g_signal_new ("open-household", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gd-person-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, missing_page);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, avatar);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, name_label);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, details_group);
  gtk_widget_class_bind_template_child (widget_class, GdPersonWindow, household_group);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
gd_person_window_init (GdPersonWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* Shows the member of `household` (taken; NULL when it cannot be read: `error` says why). */
static void
show_household_member (GdPersonWindow *self,
                       JsonObject     *household,
                       const GError   *error)
{
  JsonArray *members;

  clear_rows (self);
  g_clear_pointer (&self->household, json_object_unref);
  g_clear_pointer (&self->household_text, g_free);
  self->household = household;
  self->household_text = household != NULL ? gd_json_to_string (household, FALSE) : NULL;
  self->member = NULL;
  members = self->household != NULL ? gd_json_get_array (self->household, "members") : NULL;
  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *member = array_object (members, i);
      if (member != NULL && g_strcmp0 (gd_json_get_string (member, "id"), self->member_id) == 0)
        self->member = member;
    }

  if (self->member == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Person Not Found"));
      adw_status_page_set_description (self->missing_page,
                                       error != NULL
                                       ? error->message
                                       : _("The household no longer lists this person."));
      gtk_stack_set_visible_child_name (self->stack, "missing");
      return;
    }
  show_person (self);
}

/* A household was saved (here, in another window, by sync): show the stored copy when it
 * differs from the one on screen. */
static void
refresh (GdPersonWindow *self)
{
  g_autoptr(GError) error = NULL;
  JsonObject *household = gd_store_get (self->store, self->doc_id, &error);
  g_autofree char *text = household != NULL ? gd_json_to_string (household, FALSE) : NULL;

  if (g_strcmp0 (text, self->household_text) == 0)
    {
      g_clear_pointer (&household, json_object_unref);
      return;
    }
  show_household_member (self, household, error);
}

GdPersonWindow *
gd_person_window_new (GtkWindow        *parent,
                      GdSession        *session,
                      const char       *doc_id,
                      const char       *member_id)
{
  GdStore *store = gd_session_get_store (session);
  const GdOperator *op = gd_session_get_operator (session);
  GdPersonWindow *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (doc_id != NULL, NULL);

  self = g_object_new (GD_TYPE_PERSON_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = gd_store_ref (store);
  self->op = gd_operator_copy (op);
  self->doc_id = g_strdup (doc_id);
  self->member_id = g_strdup (member_id);

  show_household_member (self, gd_store_get (store, doc_id, &error), error);
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_HOUSEHOLD), self, (GdSessionReloadFunc) refresh);
  return self;
}
