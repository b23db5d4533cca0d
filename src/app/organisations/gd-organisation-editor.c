/* gd-organisation-editor.c: registering or editing one organisation.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor builds the document from its fields after every change (debounced) and has the
 * core check it with gd_store_validate(): each issue goes under its field by JSON path, in the
 * core's words (the credit code's "check character should be Y"). A text the core expects as
 * a number goes in as typed, so the core says what is wrong with it. Save is one
 * gd_store_put(); a refused save names each field by its label in the banner, marks it and
 * moves the focus to the first. Members the form does not show (inspections, risk, photos,
 * anything newer) are kept as they were.
 */

#define G_LOG_DOMAIN "gd-organisation-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gd-date-row.h"
#include "gd-field-message.h"
#include "gd-form.h"
#include "gd-format.h"
#include "gd-grid-dropdown.h"
#include "gd-incident-format.h"
#include "gd-json.h"
#include "gd-organisation-editor.h"

#define VALIDATE_DELAY_MS 250

struct _GdOrganisationEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkRevealer    *banner_revealer;
  GtkLabel       *banner_label;
  AdwEntryRow    *name_row;
  AdwActionRow   *kind_row;
  AdwActionRow   *premises_row;
  AdwEntryRow    *credit_code_row;
  AdwActionRow   *status_row;
  AdwEntryRow    *representative_row;
  AdwEntryRow    *representative_phone_row;
  AdwEntryRow    *safety_row;
  AdwEntryRow    *safety_phone_row;
  AdwActionRow   *grid_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *lat_row;
  AdwEntryRow    *lon_row;
  AdwEntryRow    *employees_row;
  AdwEntryRow    *floor_area_row;
  AdwEntryRow    *opened_row;
  GtkSearchEntry *household_search;
  GtkListBox     *household_results;
  GtkListBox     *linked_list;

  GtkDropDown    *kind_dropdown;
  GtkDropDown    *premises_dropdown;
  GtkDropDown    *status_dropdown;
  GdGridDropdown *grid_dropdown;

  GdSession      *session;
  GdStore        *store;       /* the session's, kept while the editor is open */
  char           *doc_id;      /* NULL for a new organisation */
  JsonObject     *base;        /* the stored document (or a new one's start) */
  GPtrArray      *linked;      /* household ids */
  GHashTable     *messages;    /* path -> GdFieldMessage (owned by its row) */
  GHashTable     *rows;        /* path -> the row of that field (its title is its label) */
  GHashTable     *touched;     /* paths changed by hand */
  GdIssues       *issues;      /* of the last validation */
  guint           validate_source;
  gboolean        loading;
  gboolean        show_all;    /* a save was refused: every problem is an error now */
};

G_DEFINE_FINAL_TYPE (GdOrganisationEditor, gd_organisation_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The entry rows and the JSON path each one sets. */
static const struct {
  const char *path;
  gsize       offset;
} entry_fields[] = {
  { "name", G_STRUCT_OFFSET (GdOrganisationEditor, name_row) },
  { "credit_code", G_STRUCT_OFFSET (GdOrganisationEditor, credit_code_row) },
  { "representative.name", G_STRUCT_OFFSET (GdOrganisationEditor, representative_row) },
  { "representative.phone", G_STRUCT_OFFSET (GdOrganisationEditor, representative_phone_row) },
  { "safety_contact.name", G_STRUCT_OFFSET (GdOrganisationEditor, safety_row) },
  { "safety_contact.phone", G_STRUCT_OFFSET (GdOrganisationEditor, safety_phone_row) },
  { "address", G_STRUCT_OFFSET (GdOrganisationEditor, address_row) },
  { "location.lat", G_STRUCT_OFFSET (GdOrganisationEditor, lat_row) },
  { "location.lon", G_STRUCT_OFFSET (GdOrganisationEditor, lon_row) },
  { "employees", G_STRUCT_OFFSET (GdOrganisationEditor, employees_row) },
  { "floor_area", G_STRUCT_OFFSET (GdOrganisationEditor, floor_area_row) },
  { "opened_at", G_STRUCT_OFFSET (GdOrganisationEditor, opened_row) },
};

#define ENTRY_ROW(self, i) (*(AdwEntryRow **) G_STRUCT_MEMBER_P ((self), entry_fields[i].offset))

static void schedule_validation (GdOrganisationEditor *self);

/* ---- the document ----------------------------------------------------------------------- */

/* Sets `member` from a number typed in `row`: an integer (or any number), or the text as
 * typed when it is not one, for the core to refuse with its path. */
static void
set_number (JsonObject  *object,
            const char  *member,
            AdwEntryRow *row,
            gboolean     integer)
{
  g_autofree char *text = gd_entry_row_dup_text (row);
  gint64 whole;
  double value;
  char *end = NULL;

  if (text == NULL)
    {
      if (json_object_has_member (object, member))
        json_object_remove_member (object, member);
      return;
    }
  if (integer && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &whole, NULL))
    {
      json_object_set_int_member (object, member, whole);
      return;
    }
  value = g_ascii_strtod (text, &end);
  if (!integer && end != text && *end == '\0')
    json_object_set_double_member (object, member, value);
  else
    json_object_set_string_member (object, member, text);
}

/* {name, phone} from two rows; the member goes when both are blank. */
static void
set_person (JsonObject  *doc,
            const char  *member,
            AdwEntryRow *name_row,
            AdwEntryRow *phone_row)
{
  JsonObject *person = json_object_new ();
  g_autofree char *name = gd_entry_row_dup_text (name_row);
  g_autofree char *phone = gd_entry_row_dup_text (phone_row);

  gd_json_set_text (person, "name", name);
  gd_json_set_text (person, "phone", phone);
  if (json_object_get_size (person) > 0)
    json_object_set_object_member (doc, member, person);
  else
    {
      json_object_unref (person);
      if (json_object_has_member (doc, member))
        json_object_remove_member (doc, member);
    }
}

static JsonObject *
build_document (GdOrganisationEditor *self)
{
  JsonObject *doc = gd_json_copy_object (self->base);
  JsonObject *location = json_object_new ();
  g_autofree char *name = gd_entry_row_dup_text (self->name_row);
  g_autofree char *credit_code = gd_entry_row_dup_text (self->credit_code_row);
  g_autofree char *address = gd_entry_row_dup_text (self->address_row);
  g_autofree char *opened = gd_entry_row_dup_text (self->opened_row);

  gd_json_set_text (doc, "name", name);
  gd_json_set_text (doc, "kind", gd_code_dropdown_get_code (self->kind_dropdown));
  gd_json_set_text (doc, "premises", gd_code_dropdown_get_code (self->premises_dropdown));
  /* codes are upper case; one typed in lower case is the same code */
  if (credit_code != NULL)
    {
      g_autofree char *upper = g_utf8_strup (credit_code, -1);
      gd_json_set_text (doc, "credit_code", upper);
    }
  else
    gd_json_set_text (doc, "credit_code", NULL);
  gd_json_set_text (doc, "status", gd_code_dropdown_get_code (self->status_dropdown));
  set_person (doc, "representative", self->representative_row, self->representative_phone_row);
  set_person (doc, "safety_contact", self->safety_row, self->safety_phone_row);
  gd_json_set_text (doc, "grid", gd_grid_dropdown_get_code (self->grid_dropdown));
  gd_json_set_text (doc, "address", address);

  /* the location keeps members the form does not show (an address of its own …) */
  if (gd_json_get_object (self->base, "location") != NULL)
    {
      json_object_unref (location);
      location = gd_json_copy_object (gd_json_get_object (self->base, "location"));
    }
  set_number (location, "lat", self->lat_row, FALSE);
  set_number (location, "lon", self->lon_row, FALSE);
  if (json_object_has_member (location, "lat") || json_object_has_member (location, "lon"))
    json_object_set_object_member (doc, "location", location);
  else
    {
      json_object_unref (location);
      if (json_object_has_member (doc, "location"))
        json_object_remove_member (doc, "location");
    }

  set_number (doc, "employees", self->employees_row, TRUE);
  set_number (doc, "floor_area", self->floor_area_row, FALSE);
  gd_json_set_text (doc, "opened_at", opened);

  if (self->linked->len > 0)
    {
      JsonArray *households = json_array_new ();

      for (guint i = 0; i < self->linked->len; i++)
        json_array_add_string_element (households, self->linked->pdata[i]);
      json_object_set_array_member (doc, "households", households);
    }
  else if (json_object_has_member (doc, "households"))
    json_object_remove_member (doc, "households");
  return doc;
}

/* ---- messages --------------------------------------------------------------------------- */

/* The field that shows an issue at `path`: the path itself, or its object's first field
 * ("representative" → "representative.name"); NULL when no field shows it. */
static const char *
message_path (GdOrganisationEditor *self,
              const char           *path)
{
  static const char *const objects[][2] = {
    { "representative", "representative.name" },
    { "safety_contact", "safety_contact.name" },
    { "location", "location.lat" },
  };
  gpointer key;

  if (g_hash_table_lookup_extended (self->messages, path, &key, NULL))
    return key;
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    if (g_str_equal (path, objects[i][0]))
      return objects[i][1];
  return NULL;
}

/* TRUE when `path` ("a" or "a.b") has no value in `doc`. */
static gboolean
path_is_blank (JsonObject *doc,
               const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", 2);
  JsonObject *object = doc;

  if (parts[1] != NULL)
    {
      object = gd_json_get_object (doc, parts[0]);
      if (object == NULL)
        return TRUE;
    }
  return !json_object_has_member (object, parts[parts[1] != NULL ? 1 : 0]);
}

static const char *
label_of (GdOrganisationEditor *self,
          const char           *path)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, path);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : path;
}

/* Shows the issues of the last validation under their fields; returns the first field with
 * an error (or NULL) and fills `summary` with "label: message" lines of the errors. */
static const char *
apply_issues (GdOrganisationEditor *self,
              GString              *summary)
{
  g_autoptr(JsonObject) doc = build_document (self);
  GHashTableIter iter;
  gpointer value;
  const char *first = NULL;

  g_hash_table_iter_init (&iter, self->messages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gd_field_message_set (value, GD_FIELD_MESSAGE_NONE, NULL);
  if (self->issues == NULL)
    return NULL;

  /* errors first, so that a field shows its error rather than a warning */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < gd_issues_get_n_items (self->issues); i++)
      {
        const GdIssue *issue = gd_issues_get_item (self->issues, i);
        const char *where = message_path (self, issue->path);
        GdFieldMessage *message = where != NULL ? g_hash_table_lookup (self->messages, where) : NULL;
        gboolean blank = path_is_blank (doc, issue->path);
        GdFieldMessageKind kind = GD_FIELD_MESSAGE_WARNING;
        const char *text = issue->message;

        if ((pass == 0) != (issue->severity == GD_ISSUE_ERROR))
          continue;
        if (issue->severity == GD_ISSUE_ERROR)
          {
            kind = GD_FIELD_MESSAGE_ERROR;
            if (blank)
              text = _("Required");
            /* an empty field nobody has touched is a hint, not an alarm */
            if (blank && !self->show_all && !g_hash_table_contains (self->touched, where ? where : ""))
              kind = GD_FIELD_MESSAGE_HINT;
            if (summary != NULL)
              {
                if (summary->len > 0)
                  g_string_append_c (summary, '\n');
                /* Translators: a refused field in the banner: its label, then why */
                g_string_append_printf (summary, _("%s: %s"),
                                        where != NULL ? label_of (self, where) : issue->path, text);
              }
            if (first == NULL && where != NULL)
              first = where;
          }
        if (message != NULL && gd_field_message_get_kind (message) == GD_FIELD_MESSAGE_NONE)
          gd_field_message_set (message, kind, text);
      }
  return first;
}

static void
hide_banner (GdOrganisationEditor *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
show_banner (GdOrganisationEditor *self,
             const char           *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
validate_now (GdOrganisationEditor *self)
{
  g_autoptr(JsonObject) doc = build_document (self);
  g_autoptr(GString) summary = g_string_new (NULL);

  g_clear_handle_id (&self->validate_source, g_source_remove);
  g_clear_pointer (&self->issues, gd_issues_free);
  self->issues = gd_issues_new ();
  gd_store_validate (self->store, doc, gd_session_get_actor (self->session), self->issues);
  apply_issues (self, summary);
  /* after a refused save the banner follows the fields as they are fixed */
  if (self->show_all && summary->len == 0)
    hide_banner (self);
  else if (self->show_all)
    {
      g_autofree char *text = g_strdup_printf (_("Not saved. Check these fields:\n%s"), summary->str);
      show_banner (self, text);
    }
}

static gboolean
validate_cb (gpointer user_data)
{
  GdOrganisationEditor *self = user_data;

  self->validate_source = 0;
  validate_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_validation (GdOrganisationEditor *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->validate_source, g_source_remove);
  self->validate_source = g_timeout_add (VALIDATE_DELAY_MS, validate_cb, self);
}

static void
touch (GdOrganisationEditor *self,
       const char           *path)
{
  if (self->loading)
    return;
  g_hash_table_add (self->touched, (gpointer) path);
  schedule_validation (self);
}

static void
on_entry_changed (GtkEditable          *editable,
                  GdOrganisationEditor *self)
{
  touch (self, g_object_get_data (G_OBJECT (editable), "gd-path"));
}

static void
on_dropdown_changed (GObject              *dropdown,
                     GParamSpec           *pspec,
                     GdOrganisationEditor *self)
{
  touch (self, g_object_get_data (dropdown, "gd-path"));
}

/* ---- saving ----------------------------------------------------------------------------- */

static void
try_save (GdOrganisationEditor *self)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  const char *first;

  validate_now (self);
  if (gd_issues_has_errors (self->issues))
    {
      GtkWidget *row;

      self->show_all = TRUE;
      first = apply_issues (self, summary);
      text = g_strdup_printf (_("Not saved. Check these fields:\n%s"), summary->str);
      show_banner (self, text);
      row = first != NULL ? g_hash_table_lookup (self->rows, first) : NULL;
      if (row != NULL)
        gtk_widget_grab_focus (row);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  doc = build_document (self);
  id = gd_store_put (self->store, doc, gd_session_get_actor (self->session), NULL, &error);
  if (id == NULL)
    {
      text = g_strdup_printf (_("The organisation could not be saved: %s"), error->message);
      show_banner (self, text);
      return;
    }
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
organisation_save (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  try_save (GD_ORGANISATION_EDITOR (widget));
}

/* ---- linked households ------------------------------------------------------------------ */

static void refresh_linked (GdOrganisationEditor *self);

static void
on_unlink_clicked (GtkButton            *button,
                   GdOrganisationEditor *self)
{
  guint index;

  if (g_ptr_array_find_with_equal_func (self->linked, g_object_get_data (G_OBJECT (button), "gd-id"),
                                        g_str_equal, &index))
    g_ptr_array_remove_index (self->linked, index);
  refresh_linked (self);
  touch (self, "households");
}

static void
refresh_linked (GdOrganisationEditor *self)
{
  gd_list_box_clear (self->linked_list);
  for (guint i = 0; i < self->linked->len; i++)
    {
      g_autoptr(JsonObject) household = gd_store_get (self->store, self->linked->pdata[i], NULL);
      g_autofree char *title = NULL;

      /* Translators: a linked household: its number */
      title = g_strdup_printf (_("Household %s"),
                               household != NULL ? gd_json_get_string (household, "number") : "?");
      gtk_list_box_append (self->linked_list,
                           gd_incident_household_row (title,
                                                      household != NULL ? gd_json_get_string (household, "address") : NULL,
                                                      _("Remove"), self->linked->pdata[i],
                                                      G_CALLBACK (on_unlink_clicked), self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->linked_list), self->linked->len > 0);
}

static void
on_link_clicked (GtkButton            *button,
                 GdOrganisationEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "gd-id");

  if (!g_ptr_array_find_with_equal_func (self->linked, id, g_str_equal, NULL))
    g_ptr_array_add (self->linked, g_strdup (id));
  gtk_editable_set_text (GTK_EDITABLE (self->household_search), "");
  refresh_linked (self);
  touch (self, "households");
}

static void
on_household_search_changed (GdOrganisationEditor *self)
{
  gd_incident_household_lookup (self->household_results, self->store,
                                gtk_editable_get_text (GTK_EDITABLE (self->household_search)),
                                _("Link"), G_CALLBACK (on_link_clicked), self);
}

/* ---- set-up ----------------------------------------------------------------------------- */

static void
add_message (GdOrganisationEditor *self,
             const char           *path,
             gpointer              row,
             gpointer              input)
{
  g_hash_table_insert (self->rows, (gpointer) path, row);
  g_hash_table_insert (self->messages, (gpointer) path,
                       gd_field_message_new (GTK_WIDGET (row), GTK_WIDGET (input)));
}

/* A drop-down as the suffix of an action row, named by the row's title. */
static void
add_dropdown (GdOrganisationEditor *self,
              AdwActionRow         *row,
              GtkWidget            *dropdown,
              GtkWidget            *activatable,
              const char           *path)
{
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, dropdown);
  adw_action_row_set_activatable_widget (row, activatable);
  gd_accessible_set_label (activatable, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_object_set_data (G_OBJECT (dropdown), "gd-path", (gpointer) path);
  g_signal_connect (dropdown, GD_IS_GRID_DROPDOWN (dropdown) ? "notify::code" : "notify::selected",
                    G_CALLBACK (on_dropdown_changed), self);
  add_message (self, path, row, row);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
number_text (JsonObject *object,
             const char *member,
             const char *format)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, json_node_get_double (node)));
}

static void
load (GdOrganisationEditor *self)
{
  JsonObject *representative = gd_json_get_object (self->base, "representative");
  JsonObject *safety = gd_json_get_object (self->base, "safety_contact");
  JsonObject *location = gd_json_get_object (self->base, "location");
  JsonArray *households = gd_json_get_array (self->base, "households");
  g_autofree char *lat = number_text (location, "lat", "%.6f");
  g_autofree char *lon = number_text (location, "lon", "%.6f");
  g_autofree char *employees = number_text (self->base, "employees", "%.0f");
  g_autofree char *area = number_text (self->base, "floor_area", "%g");
  const char *name = gd_json_get_string (self->base, "name");

  self->loading = TRUE;
  set_row_text (self->name_row, name);
  gd_code_dropdown_set_code (self->kind_dropdown, gd_json_get_string (self->base, "kind"));
  gd_code_dropdown_set_code (self->premises_dropdown, gd_json_get_string (self->base, "premises"));
  set_row_text (self->credit_code_row, gd_json_get_string (self->base, "credit_code"));
  gd_code_dropdown_set_code (self->status_dropdown, gd_json_get_string (self->base, "status"));
  set_row_text (self->representative_row, representative ? gd_json_get_string (representative, "name") : NULL);
  set_row_text (self->representative_phone_row, representative ? gd_json_get_string (representative, "phone") : NULL);
  set_row_text (self->safety_row, safety ? gd_json_get_string (safety, "name") : NULL);
  set_row_text (self->safety_phone_row, safety ? gd_json_get_string (safety, "phone") : NULL);
  set_row_text (self->address_row, gd_json_get_string (self->base, "address"));
  set_row_text (self->lat_row, lat);
  set_row_text (self->lon_row, lon);
  set_row_text (self->employees_row, employees);
  set_row_text (self->floor_area_row, area);
  set_row_text (self->opened_row, gd_json_get_string (self->base, "opened_at"));
  for (guint i = 0; households != NULL && i < json_array_get_length (households); i++)
    if (json_array_get_string_element (households, i) != NULL)
      g_ptr_array_add (self->linked, g_strdup (json_array_get_string_element (households, i)));
  refresh_linked (self);
  self->loading = FALSE;

  adw_window_title_set_title (self->window_title,
                              self->doc_id == NULL ? _("New Organisation") : _("Edit Organisation"));
  adw_window_title_set_subtitle (self->window_title, self->doc_id != NULL ? name : NULL);
  gtk_window_set_title (GTK_WINDOW (self), self->doc_id == NULL ? _("New Organisation") : name);
}

static void
gd_organisation_editor_dispose (GObject *object)
{
  GdOrganisationEditor *self = GD_ORGANISATION_EDITOR (object);

  self->loading = TRUE;
  g_clear_handle_id (&self->validate_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_ORGANISATION_EDITOR);
  G_OBJECT_CLASS (gd_organisation_editor_parent_class)->dispose (object);
}

static void
gd_organisation_editor_finalize (GObject *object)
{
  GdOrganisationEditor *self = GD_ORGANISATION_EDITOR (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->store, gd_store_unref);
  g_free (self->doc_id);
  g_clear_pointer (&self->base, json_object_unref);
  g_clear_pointer (&self->linked, g_ptr_array_unref);
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->issues, gd_issues_free);
  G_OBJECT_CLASS (gd_organisation_editor_parent_class)->finalize (object);
}

static void
gd_organisation_editor_class_init (GdOrganisationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_organisation_editor_dispose;
  object_class->finalize = gd_organisation_editor_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-organisation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, premises_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, credit_code_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, representative_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, representative_phone_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, safety_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, safety_phone_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, grid_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, lat_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, lon_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, employees_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, floor_area_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, opened_row);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, household_search);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, household_results);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationEditor, linked_list);

  gtk_widget_class_install_action (widget_class, "organisation.save", NULL, organisation_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "organisation.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gd_organisation_editor_init (GdOrganisationEditor *self)
{
  self->linked = g_ptr_array_new_with_free_func (g_free);
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  gd_date_row_add_calendar (self->opened_row);
  g_signal_connect_swapped (self->household_search, "search-changed",
                            G_CALLBACK (on_household_search_changed), self);
}

GdOrganisationEditor *
gd_organisation_editor_new (GtkWindow  *parent,
                            GdSession  *session,
                            const char *doc_id,
                            const char *grid,
                            gboolean    has_location,
                            double      latitude,
                            double      longitude)
{
  GdOrganisationEditor *self;
  GdStore *store;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GD_IS_SESSION (session), NULL);
  store = gd_session_get_store (session);
  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (GD_TYPE_ORGANISATION_EDITOR, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->store = gd_store_ref (store);
  self->doc_id = g_strdup (doc_id);
  if (doc_id != NULL)
    self->base = gd_store_get (store, doc_id, &error);
  if (self->base == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot edit %s: %s", doc_id, error->message);
      g_clear_pointer (&self->doc_id, g_free);
      self->base = json_object_new ();
      json_object_set_string_member (self->base, "type", "organisation");
      json_object_set_string_member (self->base, "status", "operating");
      if (has_location)
        {
          JsonObject *location = json_object_new ();

          /* six decimals: about 10 cm, as the map and the demo write them */
          json_object_set_double_member (location, "lat", round (latitude * 1e6) / 1e6);
          json_object_set_double_member (location, "lon", round (longitude * 1e6) / 1e6);
          json_object_set_object_member (self->base, "location", location);
        }
    }

  self->kind_dropdown = gd_code_dropdown_new ("organisation-kinds", TRUE);
  add_dropdown (self, self->kind_row, GTK_WIDGET (self->kind_dropdown), GTK_WIDGET (self->kind_dropdown), "kind");
  self->premises_dropdown = gd_code_dropdown_new ("premises-categories", TRUE);
  add_dropdown (self, self->premises_row, GTK_WIDGET (self->premises_dropdown),
                GTK_WIDGET (self->premises_dropdown), "premises");
  self->status_dropdown = gd_code_dropdown_new ("organisation-statuses", FALSE);
  add_dropdown (self, self->status_row, GTK_WIDGET (self->status_dropdown),
                GTK_WIDGET (self->status_dropdown), "status");
  self->grid_dropdown = gd_grid_dropdown_new (store, doc_id != NULL ? gd_json_get_string (self->base, "grid") : grid,
                                              GD_GRID_DROPDOWN_KEEP_UNKNOWN);
  add_dropdown (self, self->grid_row, GTK_WIDGET (self->grid_dropdown),
                GTK_WIDGET (gd_grid_dropdown_get_drop_down (self->grid_dropdown)), "grid");
  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    {
      AdwEntryRow *row = ENTRY_ROW (self, i);

      gd_accessible_set_label (GTK_WIDGET (row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      g_object_set_data (G_OBJECT (row), "gd-path", (gpointer) entry_fields[i].path);
      g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed), self);
      add_message (self, entry_fields[i].path, row, row);
    }

  load (self);
  validate_now (self);
  return self;
}
