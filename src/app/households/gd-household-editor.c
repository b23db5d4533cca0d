/* gd-household-editor.c: create or edit one household and its members.
 *
 * The editor keeps a working copy of the document: household fields in `doc`, the tenancy
 * in `rental` (attached only while the house is rented), and the members as JSON objects
 * the member form edits in place. After each change (debounced) the document is built and
 * checked with gd_store_validate(); each issue is shown under its field by JSON path.
 * Saving is one gd_store_put(). Fields the form does not show (location, _rev, attachments,
 * anything newer) are kept as they were.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-household-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-fit-window.h"
#include "gd-format.h"
#include "gd-grid-dropdown.h"
#include "gd-household-editor.h"
#include "gd-idcard.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-member-editor.h"
#include "gd-register.h"

#define VALIDATE_DELAY_MS 300

struct _GdHouseholdEditor
{
  AdwWindow parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkButton       *delete_button;
  GtkRevealer     *banner_revealer;
  GtkWidget       *banner_box;
  GtkImage        *banner_icon;
  GtkLabel        *banner_label;
  AdwEntryRow     *number_row;
  AdwActionRow    *grid_row;
  AdwEntryRow     *address_row;
  AdwActionRow    *house_row;
  GtkEntry        *building_entry;
  GtkEntry        *unit_entry;
  GtkEntry        *room_entry;
  AdwActionRow    *housing_row;
  AdwPreferencesGroup *rental_group;
  AdwEntryRow     *landlord_row;
  AdwEntryRow     *landlord_phone_row;
  AdwEntryRow     *since_row;
  AdwEntryRow     *until_row;
  GtkListBox      *members_list;
  GtkWidget       *members_message_box;
  GtkLabel        *members_message_label;
  GdMemberEditor  *member_editor;

  GdGridDropdown  *grid_dropdown;
  GtkDropDown     *housing_dropdown;
  GtkWidget       *landlord_reveal_button;
  GtkWidget       *landlord_lock;

  /* messages under the household's rows, by JSON path */
  GHashTable      *messages;      /* path -> GdFieldMessage (owned by its row) */

  GdStore         *store;         /* the session\'s, kept while open */
  GdOperator      *op;
  char            *doc_id;        /* NULL for a new household */
  JsonObject      *doc;           /* household fields (members and rental apart) */
  JsonObject      *rental;
  GPtrArray       *members;       /* JsonObject */
  JsonNode        *initial;       /* the document as built when loaded: the dirty check */
  GHashTable      *revealed;      /* "<member id>/<field>", "rental/phone" */
  GHashTable      *touched;       /* "<member id>/<field>", or a household path */
  GHashTable      *new_members;   /* ids of members added here */
  GdIssues        *issues;        /* of the last validation */
  char            *save_error;    /* why the last save failed, or NULL */

  JsonObject      *removed_member; /* for Undo of the last removal */
  guint            removed_index;

  guint            validate_source;
  gboolean         loading;
  gboolean         show_all;      /* a save was tried: untouched required fields are errors */
  gboolean         closing;       /* close without asking */
};

G_DEFINE_FINAL_TYPE (GdHouseholdEditor, gd_household_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  SIGNAL_DELETED,
  SIGNAL_OPEN_HOUSEHOLD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_validation (GdHouseholdEditor *self);
static void update_actions (GdHouseholdEditor *self);

/* The document */

static gboolean
is_rented (GdHouseholdEditor *self)
{
  return g_strcmp0 (gd_json_get_string (self->doc, "housing"), "rented") == 0;
}

static JsonObject *
build_document (GdHouseholdEditor *self)
{
  JsonObject *doc = gd_json_copy_object (self->doc);
  JsonArray *members = json_array_new ();
  const char *grid;

  for (guint i = 0; i < self->members->len; i++)
    json_array_add_object_element (members, gd_json_copy_object (self->members->pdata[i]));
  json_object_set_array_member (doc, "members", members);

  if (is_rented (self))
    json_object_set_object_member (doc, "rental", gd_json_copy_object (self->rental));
  else if (json_object_has_member (doc, "rental"))
    json_object_remove_member (doc, "rental");

  json_object_set_string_member (doc, "type", "household");
  /* the village is the grid's: moving a household to another grid moves it there */
  grid = gd_json_get_string (doc, "grid");
  if (grid != NULL && strlen (grid) == 15)
    {
      g_autofree char *village = g_strndup (grid, 12);
      json_object_set_string_member (doc, "village", village);
    }
  return doc;
}

static JsonNode *
build_document_node (GdHouseholdEditor *self)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, build_document (self));
  return node;
}

static gboolean
is_dirty (GdHouseholdEditor *self)
{
  g_autoptr(JsonNode) now = NULL;

  if (self->initial == NULL)
    return FALSE;
  now = build_document_node (self);
  return !json_node_equal (now, self->initial);
}

/* The value at a JSON path like "members[1].id_number" or "rental.since", or NULL. */
static JsonNode *
lookup_path (JsonObject *doc,
             const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;
  JsonObject *object = doc;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');
      guint64 index = 0;

      if (object == NULL)
        return NULL;
      if (bracket != NULL)
        {
          *bracket = '\0';
          index = g_ascii_strtoull (bracket + 1, NULL, 10);
        }
      node = json_object_get_member (object, parts[i]);
      if (node != NULL && bracket != NULL)
        {
          JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
          node = array != NULL && index < json_array_get_length (array)
                 ? json_array_get_element (array, (guint) index) : NULL;
        }
      if (node == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

static gboolean
path_is_blank (JsonObject *doc,
               const char *path)
{
  JsonNode *node = lookup_path (doc, path);
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  text = json_node_get_string (node);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        return FALSE;
    }
  return TRUE;
}

/* "members[3].id_number" -> 3 and "id_number"; FALSE for other paths. `field` may be NULL
 * when the path names the member itself. */
static gboolean
parse_member_path (const char *path,
                   guint      *out_index,
                   char      **out_field)
{
  const char *p;
  char *end = NULL;
  guint64 index;

  if (!g_str_has_prefix (path, "members["))
    return FALSE;
  p = path + strlen ("members[");
  index = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ']')
    return FALSE;
  *out_index = (guint) index;
  p = end + 1;
  if (*p == '.')
    {
      const char *stop = p + 1 + strcspn (p + 1, ".[");
      *out_field = g_strndup (p + 1, (gsize) (stop - p - 1));
    }
  else
    *out_field = NULL;
  return TRUE;
}

static const char *
member_id (JsonObject *member)
{
  return gd_json_get_string (member, "id");
}

static char *
member_key (JsonObject *member,
            const char *field)
{
  return g_strconcat (member_id (member) ? member_id (member) : "", "/", field, NULL);
}

static const char *
member_display_name (JsonObject *member)
{
  const char *name = gd_json_get_string (member, "name");
  return name != NULL ? name : _("New member");
}

static gboolean
member_is_new (GdHouseholdEditor *self,
               JsonObject        *member)
{
  return self->doc_id == NULL || g_hash_table_contains (self->new_members, member_id (member));
}

/* The message text people read: sentence case, as the validators write lower case. */
static char *
sentence (const char *message)
{
  gunichar first;
  char buf[8];
  int len;

  if (message == NULL || *message == '\0')
    return g_strdup ("");
  first = g_utf8_get_char (message);
  if (!g_unichar_islower (first))
    return g_strdup (message);
  len = g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  return g_strdup_printf ("%.*s%s", len, buf, g_utf8_next_char (message));
}

/* Members list */

static GtkWidget *
member_row_new (GdHouseholdEditor *self,
                JsonObject        *member)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, NULL, TRUE);
  GtkWidget *status = gtk_image_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_widget_set_visible (status, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  g_object_set_data (G_OBJECT (row), "gd-avatar", avatar);
  g_object_set_data (G_OBJECT (row), "gd-status", status);
  return row;
}

static void
member_row_update (GdHouseholdEditor *self,
                   GtkWidget         *row,
                   JsonObject        *member)
{
  AdwAvatar *avatar = g_object_get_data (G_OBJECT (row), "gd-avatar");
  const char *name = gd_json_get_string (member, "name");
  const char *relation = gd_json_get_string (member, "relation");
  const char *number = gd_json_get_string (member, "id_number");
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member_display_name (member));
  adw_avatar_set_text (avatar, name);
  if (relation != NULL)
    g_string_append (subtitle, gd_code_display_name ("relationship", relation));
  else
    g_string_append (subtitle, _("Relation not chosen"));
  if (number != NULL)
    {
      /* lists always mask the number */
      g_autofree char *masked = gd_mask_id_number (number);
      g_string_append (subtitle, " · ");
      g_string_append (subtitle, masked);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str, -1);
}

static void
member_row_set_status (GtkWidget      *row,
                       GdIssueSeverity severity,
                       gboolean        any)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (row), "gd-status");

  gtk_widget_set_visible (status, any);
  if (!any)
    return;
  gtk_widget_remove_css_class (status, "error");
  gtk_widget_remove_css_class (status, "warning");
  if (severity == GD_ISSUE_ERROR)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (status), "dialog-error-symbolic");
      gtk_widget_add_css_class (status, "error");
      gtk_widget_set_tooltip_text (status, _("This member has problems to fix"));
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (status), "dialog-warning-symbolic");
      gtk_widget_add_css_class (status, "warning");
      gtk_widget_set_tooltip_text (status, _("Please check this member"));
    }
}

static guint
selected_index (GdHouseholdEditor *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->members_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  return index >= 0 && (guint) index < self->members->len ? (guint) index : G_MAXUINT;
}

static JsonObject *
selected_member (GdHouseholdEditor *self)
{
  guint index = selected_index (self);
  return index != G_MAXUINT ? self->members->pdata[index] : NULL;
}

static void
rebuild_members_list (GdHouseholdEditor *self,
                      guint              select)
{
  GtkWidget *child;

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->members_list))) != NULL)
    gtk_list_box_remove (self->members_list, child);
  for (guint i = 0; i < self->members->len; i++)
    {
      GtkWidget *row = member_row_new (self, self->members->pdata[i]);
      member_row_update (self, row, self->members->pdata[i]);
      gtk_list_box_append (self->members_list, row);
    }
  self->loading = FALSE;

  if (self->members->len == 0)
    gd_member_editor_set_member (self->member_editor, NULL, FALSE, FALSE);
  else
    gtk_list_box_select_row (self->members_list,
                             gtk_list_box_get_row_at_index (self->members_list,
                                                            (int) MIN (select, self->members->len - 1)));
}

static gboolean
is_revealed (GdHouseholdEditor *self,
             JsonObject        *member,
             const char        *field)
{
  g_autofree char *key = member_key (member, field);

  return member_is_new (self, member) || g_hash_table_contains (self->revealed, key);
}

static void apply_issues (GdHouseholdEditor *self);

static void
on_members_list_row_selected (GtkListBox        *list,
                              GtkListBoxRow     *row,
                              GdHouseholdEditor *self)
{
  JsonObject *member;

  if (self->loading)
    return;
  member = selected_member (self);
  gd_member_editor_set_member (self->member_editor, member,
                               member != NULL && is_revealed (self, member, "id_number"),
                               member != NULL && is_revealed (self, member, "phone"));
  apply_issues (self);
  update_actions (self);
}

/* Messages */

static void
set_household_message (GdHouseholdEditor *self,
                       const char        *path,
                       GdFieldMessageKind kind,
                       const char        *text)
{
  GdFieldMessage *message = g_hash_table_lookup (self->messages, path);

  if (message != NULL && (kind == GD_FIELD_MESSAGE_NONE
                          || gd_field_message_get_kind (message) == GD_FIELD_MESSAGE_NONE))
    gd_field_message_set (message, kind, text);
}

/* Where a household path is shown: "house.room" under the house row and so on. */
static const char *
household_message_path (const char *path)
{
  static const char *const direct[] = {
    "number", "grid", "address", "housing", "rental.landlord", "rental.phone",
    "rental.since", "rental.until", NULL,
  };

  for (guint i = 0; direct[i] != NULL; i++)
    if (g_str_equal (path, direct[i]))
      return direct[i];
  if (g_str_equal (path, "house") || g_str_has_prefix (path, "house."))
    return "house";
  if (g_str_equal (path, "rental"))
    return "rental.landlord";
  return NULL;
}

static void
on_member_editor_open_household (GdMemberEditor    *editor,
                                 const char        *doc_id,
                                 GdHouseholdEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_HOUSEHOLD], 0, doc_id);
}

/* The household (other than this one) that already holds the member's citizen ID. */
static char *
find_id_holder (GdHouseholdEditor *self,
                JsonObject        *member)
{
  const char *id_type = gd_json_get_string (member, "id_type");
  const char *number = gd_json_get_string (member, "id_number");
  GdIdCard card;

  if (number == NULL || g_strcmp0 (id_type, "resident_id") != 0
      || !gd_idcard_parse (number, NULL, &card, NULL))
    return NULL;
  return gd_store_find_id_holder (self->store, card.normalized, self->doc_id);
}

/* Another member of this form with the same document number, or G_MAXUINT. */
static guint
find_same_number (GdHouseholdEditor *self,
                  guint              index)
{
  JsonObject *member = self->members->pdata[index];
  const char *number = gd_json_get_string (member, "id_number");

  if (number == NULL)
    return G_MAXUINT;
  for (guint i = 0; i < self->members->len; i++)
    {
      const char *other = gd_json_get_string (self->members->pdata[i], "id_number");
      if (i != index && other != NULL && g_ascii_strcasecmp (other, number) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* The text and kind of one issue in the form; *out_link gets a household to link to. */
static char *
describe_issue (GdHouseholdEditor *self,
                JsonObject        *doc,
                const GdIssue     *issue,
                const char        *touch_key,
                gboolean           existing,
                GdFieldMessageKind *out_kind,
                char              **out_link)
{
  guint index;
  g_autofree char *field = NULL;

  *out_link = NULL;
  *out_kind = issue->severity == GD_ISSUE_ERROR ? GD_FIELD_MESSAGE_ERROR : GD_FIELD_MESSAGE_WARNING;

  if (issue->severity == GD_ISSUE_ERROR && path_is_blank (doc, issue->path))
    {
      /* an empty required field nobody has touched yet is a hint, not an alarm */
      if (!self->show_all && !existing && !g_hash_table_contains (self->touched, touch_key))
        *out_kind = GD_FIELD_MESSAGE_HINT;
      return g_strdup (_("Required"));
    }

  if (parse_member_path (issue->path, &index, &field) && field != NULL
      && index < self->members->len)
    {
      JsonObject *member = self->members->pdata[index];

      if (g_str_equal (field, "id_number") && issue->severity == GD_ISSUE_ERROR)
        {
          g_autofree char *holder = find_id_holder (self, member);
          guint same = find_same_number (self, index);

          if (holder != NULL)
            {
              g_autoptr(JsonObject) other = gd_store_get (self->store, holder, NULL);
              const char *number = other != NULL ? gd_json_get_string (other, "number") : NULL;

              *out_link = g_steal_pointer (&holder);
              return g_strdup_printf (_("Already registered in household %s"),
                                      number != NULL ? number : "?");
            }
          if (same != G_MAXUINT)
            return g_strdup_printf (_("%s has the same ID number"),
                                    member_display_name (self->members->pdata[same]));
        }
      if (issue->severity == GD_ISSUE_WARNING
          && (g_str_equal (field, "sex") || g_str_equal (field, "birth_date")))
        {
          const char *number = gd_json_get_string (member, "id_number");
          GdIdCard card;

          if (number != NULL && gd_idcard_parse (number, NULL, &card, NULL))
            {
              if (g_str_equal (field, "sex"))
                {
                  g_autofree char *code = g_strdup_printf ("%d", (int) card.sex);
                  /* Translators: %s is a sex (男性 / 女性) */
                  return g_strdup_printf (_("The ID number says %s; please check"),
                                          gd_code_display_name ("sex", code));
                }
              else
                {
                  g_autofree char *date = gd_format_date (card.birth_date);
                  /* Translators: %s is a date */
                  return g_strdup_printf (_("The ID number says %s; please check"), date);
                }
            }
        }
    }
  return sentence (issue->message);
}

static void
set_banner (GdHouseholdEditor *self,
            const char        *icon,
            const char        *style,
            const char        *text)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->banner_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->banner_icon), "dim-label");
  gtk_widget_remove_css_class (self->banner_box, "gd-error");
  if (text == NULL)
    {
      /* no stale text for screen readers behind the hidden banner */
      gtk_label_set_text (self->banner_label, "");
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }
  gtk_image_set_from_icon_name (self->banner_icon, icon);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->banner_icon), style);
  if (g_strcmp0 (style, "error") == 0)
    gtk_widget_add_css_class (self->banner_box, "gd-error");
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
apply_issues (GdHouseholdEditor *self)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GString) elsewhere = g_string_new (NULL);
  g_autoptr(GPtrArray) troubled = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  guint shown_index = selected_index (self);
  guint errors = 0, hints = 0;
  GdIssueSeverity *member_severity;
  gboolean *member_any;

  if (self->issues == NULL)
    return;
  doc = build_document (self);

  g_hash_table_iter_init (&iter, self->messages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gd_field_message_set (value, GD_FIELD_MESSAGE_NONE, NULL);
  gd_member_editor_clear_messages (self->member_editor);
  gtk_widget_set_visible (self->members_message_box, FALSE);

  member_severity = g_new0 (GdIssueSeverity, self->members->len + 1);
  member_any = g_new0 (gboolean, self->members->len + 1);

  /* errors first, so a field shows its error rather than a warning */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < gd_issues_get_n_items (self->issues); i++)
      {
        const GdIssue *issue = gd_issues_get_item (self->issues, i);
        GdIssueSeverity want = pass == 0 ? GD_ISSUE_ERROR : GD_ISSUE_WARNING;
        g_autofree char *field = NULL;
        g_autofree char *text = NULL;
        g_autofree char *link = NULL;
        g_autofree char *touch_key = NULL;
        GdFieldMessageKind kind;
        const char *where;
        guint index;
        gboolean shown = FALSE;

        if (issue->severity != want)
          continue;

        if (parse_member_path (issue->path, &index, &field) && index < self->members->len)
          {
            JsonObject *member = self->members->pdata[index];

            touch_key = member_key (member, field != NULL ? field : "");
            text = describe_issue (self, doc, issue, touch_key, !member_is_new (self, member),
                                   &kind, &link);
            if (!member_any[index] || issue->severity == GD_ISSUE_ERROR)
              {
                if (kind != GD_FIELD_MESSAGE_HINT || !member_any[index])
                  member_severity[index] = kind == GD_FIELD_MESSAGE_HINT ? GD_ISSUE_WARNING
                                                                          : issue->severity;
                member_any[index] = member_any[index] || kind != GD_FIELD_MESSAGE_HINT;
              }
            if (index == shown_index && field != NULL)
              {
                shown = gd_member_editor_set_message (self->member_editor, field, kind, text);
                if (shown && link != NULL)
                  gd_member_editor_set_message_link (self->member_editor, field,
                                                     _("Open Household"), link);
              }
            else if (field != NULL)
              shown = TRUE; /* the member's row is marked; its form shows it when chosen */
            if (issue->severity == GD_ISSUE_ERROR && index != shown_index
                && kind == GD_FIELD_MESSAGE_ERROR
                && !g_ptr_array_find (troubled, member, NULL))
              g_ptr_array_add (troubled, member);
          }
        else if (g_str_equal (issue->path, "members"))
          {
            /* the core says what is wrong by its code; the editor words it for the form */
            guint heads = g_strcmp0 (issue->code, GD_ISSUE_CODE_HEADS) == 0 && issue->args != NULL
                          && issue->args[0] != NULL
                          ? (guint) g_ascii_strtoull (issue->args[0], NULL, 10) : 1;

            kind = GD_FIELD_MESSAGE_ERROR;
            if (g_strcmp0 (issue->code, GD_ISSUE_CODE_NO_MEMBERS) == 0)
              text = g_strdup (_("A household needs at least one member"));
            else if (heads == 0)
              text = g_strdup (_("Choose the head of household (户主) among the members"));
            else if (heads > 1)
              text = g_strdup_printf (_("A household has one head (户主); %u members are marked as head"),
                                      heads);
            else
              text = sentence (issue->message);
            gtk_label_set_text (self->members_message_label, text);
            gtk_widget_set_visible (self->members_message_box, TRUE);
            shown = TRUE;
          }
        else if ((where = household_message_path (issue->path)) != NULL)
          {
            touch_key = g_strdup (where);
            /* a field that was empty when the editor opened (the tenancy of a house just
             * marked rented) is a hint until touched; one emptied by hand is an error */
            text = describe_issue (self, doc, issue, touch_key,
                                   !path_is_blank (json_node_get_object (self->initial), issue->path),
                                   &kind, &link);
            set_household_message (self, where, kind, text);
            shown = TRUE;
          }
        else
          {
            kind = issue->severity == GD_ISSUE_ERROR ? GD_FIELD_MESSAGE_ERROR
                                                     : GD_FIELD_MESSAGE_WARNING;
            text = sentence (issue->message);
          }

        if (issue->severity == GD_ISSUE_ERROR)
          {
            if (kind == GD_FIELD_MESSAGE_HINT)
              hints++;
            else
              errors++;
          }
        if (!shown)
          {
            if (elsewhere->len > 0)
              g_string_append_c (elsewhere, '\n');
            /* the message alone: an internal path means nothing to the operator */
            g_string_append (elsewhere, text);
          }
      }

  for (guint i = 0; i < self->members->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->members_list, (int) i);
      if (row != NULL)
        member_row_set_status (GTK_WIDGET (row), member_severity[i], member_any[i]);
    }
  g_free (member_severity);
  g_free (member_any);

  if (self->save_error != NULL)
    set_banner (self, "dialog-error-symbolic", "error", self->save_error);
  else if (errors == 0 && hints == 0)
    set_banner (self, NULL, NULL, NULL);
  else if (errors == 0)
    set_banner (self, "dialog-information-symbolic", "dim-label",
                _("Fill in the required fields to save the household."));
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (hints > 0)
        g_string_append_printf (text,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "Cannot save yet: %u problem to fix, shown in red, and required fields to fill in.",
                                             "Cannot save yet: %u problems to fix, shown in red, and required fields to fill in.",
                                             errors),
                                errors);
      else
        g_string_append_printf (text,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "Cannot save yet: %u problem to fix, shown in red.",
                                             "Cannot save yet: %u problems to fix, shown in red.",
                                             errors),
                                errors);
      if (troubled->len > 0)
        {
          g_autoptr(GString) names = g_string_new (NULL);
          for (guint i = 0; i < troubled->len; i++)
            {
              if (i > 0)
                /* Translators: between names in a list */
                g_string_append (names, _(", "));
              g_string_append (names, member_display_name (troubled->pdata[i]));
            }
          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("Also check: %s."), names->str);
        }
      if (elsewhere->len > 0)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, elsewhere->str);
        }
      set_banner (self, "dialog-error-symbolic", "error", text->str);
    }
}

static void
validate_now (GdHouseholdEditor *self)
{
  g_autoptr(JsonObject) doc = build_document (self);

  g_clear_handle_id (&self->validate_source, g_source_remove);
  g_clear_pointer (&self->save_error, g_free);
  g_clear_pointer (&self->issues, gd_issues_free);
  self->issues = gd_issues_new ();
  gd_store_validate (self->store, doc, self->op->name, self->issues);
  apply_issues (self);
  update_actions (self);
}

static gboolean
validate_cb (gpointer user_data)
{
  GdHouseholdEditor *self = user_data;

  self->validate_source = 0;
  validate_now (self);
  return G_SOURCE_REMOVE;
}

static void
update_title (GdHouseholdEditor *self)
{
  const char *number = gd_json_get_string (self->doc, "number");
  const char *grid = gd_json_get_string (self->doc, "grid");
  const char *grid_name = self->grid_dropdown != NULL
                          ? gd_grid_dropdown_get_name (self->grid_dropdown, grid) : NULL;
  g_autofree char *title = NULL;

  if (self->doc_id == NULL)
    title = g_strdup (_("New Household"));
  else
    title = g_strdup_printf (_("Household %s"), number != NULL ? number : "");
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (is_dirty (self))
    adw_window_title_set_subtitle (self->window_title, _("Unsaved changes"));
  else
    adw_window_title_set_subtitle (self->window_title, grid_name != NULL ? grid_name : "");
}

static void
update_actions (GdHouseholdEditor *self)
{
  guint index = selected_index (self);
  gboolean valid = self->issues != NULL && !gd_issues_has_errors (self->issues);
  gboolean pending = self->validate_source != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && !pending && (self->doc_id == NULL || is_dirty (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", self->doc_id != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->doc_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-member", index != G_MAXUINT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-up",
                                 index != G_MAXUINT && index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-down",
                                 index != G_MAXUINT && index + 1 < self->members->len);
  update_title (self);
}

static void
schedule_validation (GdHouseholdEditor *self)
{
  if (self->loading)
    return;
  g_clear_pointer (&self->save_error, g_free);
  g_clear_handle_id (&self->validate_source, g_source_remove);
  self->validate_source = g_timeout_add (VALIDATE_DELAY_MS, validate_cb, self);
  update_actions (self);
}

static void
touch (GdHouseholdEditor *self,
       const char        *key)
{
  if (!self->loading)
    g_hash_table_add (self->touched, g_strdup (key));
}

/* Household fields */

/* The next number after the highest in `grid`, keeping its width ("0010010041" ->
 * "0010010042"); NULL when the grid is empty or its numbers are not plain digits. */
static char *
suggest_number (GdHouseholdEditor *self,
                const char        *grid)
{
  GdHouseholdFilter filter = {
    .grid = grid,
    .sort = GD_HOUSEHOLD_SORT_NUMBER,
    .descending = TRUE,
  };
  g_autoptr(GPtrArray) rows = NULL;
  GdHouseholdRow *row;
  guint64 value;
  gsize width;

  rows = gd_store_household_page (self->store, &filter, 0, 1, NULL);
  if (rows == NULL || rows->len == 0)
    return NULL;
  row = rows->pdata[0];
  if (row->number == NULL || *row->number == '\0' || strspn (row->number, "0123456789") != strlen (row->number))
    return NULL;
  width = strlen (row->number);
  if (width > 18)
    return NULL;
  value = g_ascii_strtoull (row->number, NULL, 10) + 1;
  return g_strdup_printf ("%0*" G_GUINT64_FORMAT, (int) width, value);
}

static void
on_household_entry_changed (GtkEditable       *editable,
                            GdHouseholdEditor *self)
{
  const char *path = g_object_get_data (G_OBJECT (editable), "gd-path");

  if (self->loading)
    return;
  if (g_str_has_prefix (path, "rental."))
    {
      if (!gtk_editable_get_editable (editable))
        return; /* the masked landlord phone */
      gd_json_set_text (self->rental, path + strlen ("rental."), gtk_editable_get_text (editable));
    }
  else if (g_str_has_prefix (path, "house."))
    {
      JsonObject *house = gd_json_get_object (self->doc, "house");

      if (house == NULL)
        {
          house = json_object_new ();
          json_object_set_object_member (self->doc, "house", house);
        }
      gd_json_set_text (house, path + strlen ("house."), gtk_editable_get_text (editable));
      if (json_object_get_size (house) == 0)
        json_object_remove_member (self->doc, "house");
      path = "house";
    }
  else
    gd_json_set_text (self->doc, path, gtk_editable_get_text (editable));
  touch (self, path);
  schedule_validation (self);
}

static void
connect_household_entry (GdHouseholdEditor *self,
                         gpointer           editable,
                         const char        *path)
{
  g_object_set_data (G_OBJECT (editable), "gd-path", (gpointer) path);
  g_signal_connect (editable, "changed", G_CALLBACK (on_household_entry_changed), self);
}

static void
on_grid_selected (GdGridDropdown    *dropdown,
                  GParamSpec        *pspec,
                  GdHouseholdEditor *self)
{
  const char *code = gd_grid_dropdown_get_code (dropdown);

  if (code == NULL)
    code = "";

  if (self->loading)
    return;
  gd_json_set_text (self->doc, "grid", code);
  touch (self, "grid");
  if (self->doc_id == NULL && !g_hash_table_contains (self->touched, "number") && *code != '\0')
    {
      g_autofree char *number = suggest_number (self, code);

      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->number_row), number != NULL ? number : "");
      gd_json_set_text (self->doc, "number", number);
      self->loading = FALSE;
    }
  schedule_validation (self);
}

static void
on_housing_selected (GtkDropDown       *dropdown,
                     GParamSpec        *pspec,
                     GdHouseholdEditor *self)
{
  if (self->doc == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->rental_group),
                          g_strcmp0 (gd_code_dropdown_get_code (dropdown), "rented") == 0);
  if (self->loading)
    return;
  gd_json_set_text (self->doc, "housing", gd_code_dropdown_get_code (dropdown));
  touch (self, "housing");
  schedule_validation (self);
}

static void
setup_grid_dropdown (GdHouseholdEditor *self,
                     const char        *current)
{
  GtkDropDown *dropdown;

  self->grid_dropdown = gd_grid_dropdown_new (self->store, current, GD_GRID_DROPDOWN_KEEP_UNKNOWN);
  dropdown = gd_grid_dropdown_get_drop_down (self->grid_dropdown);
  adw_action_row_add_suffix (self->grid_row, GTK_WIDGET (self->grid_dropdown));
  adw_action_row_set_activatable_widget (self->grid_row, GTK_WIDGET (dropdown));
  gd_accessible_set_label (GTK_WIDGET (dropdown), _("Grid"));
  g_signal_connect (self->grid_dropdown, "notify::code", G_CALLBACK (on_grid_selected), self);
}

/* The landlord's phone is personal data too: masked until revealed. */
static void
show_landlord_phone (GdHouseholdEditor *self)
{
  const char *phone = gd_json_get_string (self->rental, "phone");
  gboolean has_value = phone != NULL && *phone != '\0';
  gboolean revealed = self->doc_id == NULL || g_hash_table_contains (self->revealed, "rental/phone");
  gboolean shown = revealed || !has_value;
  gboolean may = gd_role_may_reveal (self->op->role);
  gboolean was_loading = self->loading;
  g_autofree char *masked = NULL;

  self->loading = TRUE;
  if (shown)
    gtk_editable_set_text (GTK_EDITABLE (self->landlord_phone_row), has_value ? phone : "");
  else
    {
      masked = gd_mask_phone (phone);
      gtk_editable_set_text (GTK_EDITABLE (self->landlord_phone_row), masked);
    }
  self->loading = was_loading;
  gtk_editable_set_editable (GTK_EDITABLE (self->landlord_phone_row), shown);
  gtk_widget_set_visible (self->landlord_reveal_button, !shown && may);
  gtk_widget_set_visible (self->landlord_lock, !shown && !may);
}

static gboolean
audit_reveal (GdHouseholdEditor *self,
              const char        *detail)
{
  g_autoptr(GError) error = NULL;

  /* nothing is shown unless the reveal is on record */
  if (!gd_store_audit (self->store, self->op->name, "reveal", self->doc_id, detail, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot show the number: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return FALSE;
    }
  return TRUE;
}

static void
on_landlord_reveal_clicked (GtkButton         *button,
                            GdHouseholdEditor *self)
{
  const char *landlord = gd_json_get_string (self->rental, "landlord");
  g_autofree char *detail = g_strdup_printf ("phone of landlord %s", landlord ? landlord : "");

  if (!gd_role_may_reveal (self->op->role) || !audit_reveal (self, detail))
    return;
  g_hash_table_add (self->revealed, g_strdup ("rental/phone"));
  show_landlord_phone (self);
}

static void
on_member_editor_reveal_requested (GdMemberEditor    *editor,
                                   const char        *field,
                                   GdHouseholdEditor *self)
{
  JsonObject *member = gd_member_editor_get_member (editor);
  g_autofree char *detail = NULL;

  if (member == NULL || !gd_role_may_reveal (self->op->role))
    return;
  detail = g_strdup_printf ("%s of %s", field, member_display_name (member));
  if (!audit_reveal (self, detail))
    return;
  g_hash_table_add (self->revealed, member_key (member, field));
  gd_member_editor_set_revealed (editor, field, TRUE);
}

static void
on_member_editor_changed (GdMemberEditor    *editor,
                          const char        *field,
                          GdHouseholdEditor *self)
{
  JsonObject *member = gd_member_editor_get_member (editor);
  guint index = selected_index (self);
  g_autofree char *key = NULL;

  if (member == NULL)
    return;
  key = member_key (member, field);
  touch (self, key);
  if (index != G_MAXUINT)
    member_row_update (self, GTK_WIDGET (gtk_list_box_get_row_at_index (self->members_list, (int) index)),
                       member);
  schedule_validation (self);
}

/* Actions */

static void
add_member (GdHouseholdEditor *self)
{
  JsonObject *member = json_object_new ();
  g_autofree char *id = gd_uuid_new ();

  json_object_set_string_member (member, "id", id);
  json_object_set_string_member (member, "id_type", "resident_id");
  json_object_set_string_member (member, "residence", "registered");
  /* the first member of a household is usually its head */
  if (self->members->len == 0)
    json_object_set_string_member (member, "relation", HEAD_RELATION);
  g_hash_table_add (self->new_members, g_strdup (id));
  g_ptr_array_add (self->members, member);
}

static void
editor_add_member (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GdHouseholdEditor *self = GD_HOUSEHOLD_EDITOR (widget);

  add_member (self);
  rebuild_members_list (self, self->members->len - 1);
  gd_member_editor_focus_field (self->member_editor, "name");
  validate_now (self);
}

static void
editor_undo_remove (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GdHouseholdEditor *self = GD_HOUSEHOLD_EDITOR (widget);
  guint index;

  if (self->removed_member == NULL)
    return;
  index = MIN (self->removed_index, self->members->len);
  g_ptr_array_insert (self->members, (int) index, g_steal_pointer (&self->removed_member));
  rebuild_members_list (self, index);
  validate_now (self);
}

static void
editor_remove_member (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GdHouseholdEditor *self = GD_HOUSEHOLD_EDITOR (widget);
  guint index = selected_index (self);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (index == G_MAXUINT)
    return;
  g_clear_pointer (&self->removed_member, json_object_unref);
  self->removed_member = g_ptr_array_steal_index (self->members, index);
  self->removed_index = index;
  rebuild_members_list (self, index > 0 ? index - 1 : 0);
  validate_now (self);

  text = g_strdup_printf (_("Removed %s"), member_display_name (self->removed_member));
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "editor.undo-remove");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
move_member (GdHouseholdEditor *self,
             int                delta)
{
  guint index = selected_index (self);
  guint target;
  gpointer member;

  if (index == G_MAXUINT || (delta < 0 && index == 0)
      || (delta > 0 && index + 1 >= self->members->len))
    return;
  target = (guint) ((int) index + delta);
  member = self->members->pdata[index];
  self->members->pdata[index] = self->members->pdata[target];
  self->members->pdata[target] = member;
  rebuild_members_list (self, target);
  validate_now (self);
}

static void
editor_move_up (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_member (GD_HOUSEHOLD_EDITOR (widget), -1);
}

static void
editor_move_down (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_member (GD_HOUSEHOLD_EDITOR (widget), +1);
}

/* The focus goes to the first field refused (a member's: that member is chosen first). */
static void
focus_first_error (GdHouseholdEditor *self)
{
  for (guint i = 0; self->issues != NULL && i < gd_issues_get_n_items (self->issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (self->issues, i);
      g_autofree char *field = NULL;
      const char *where;
      GdFieldMessage *message;
      guint index;

      if (issue->severity != GD_ISSUE_ERROR)
        continue;
      if (parse_member_path (issue->path, &index, &field) && index < self->members->len)
        {
          if (index != selected_index (self))
            gtk_list_box_select_row (self->members_list,
                                     gtk_list_box_get_row_at_index (self->members_list, (int) index));
          if (field != NULL)
            gd_member_editor_focus_field (self->member_editor, field);
          return;
        }
      if (g_str_equal (issue->path, "members"))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->members_list));
          return;
        }
      where = household_message_path (issue->path);
      message = where != NULL ? g_hash_table_lookup (self->messages, where) : NULL;
      if (message != NULL)
        {
          gtk_widget_grab_focus (gd_field_message_get_input (message));
          return;
        }
    }
}

static void
try_save (GdHouseholdEditor *self)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GdIssues) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  validate_now (self);
  if (self->issues == NULL || gd_issues_has_errors (self->issues))
    {
      /* every missing field is now an error, and the banner says what is wrong */
      self->show_all = TRUE;
      apply_issues (self);
      focus_first_error (self);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (self->doc_id != NULL && !is_dirty (self))
    return;

  doc = build_document (self);
  issues = gd_issues_new ();
  id = gd_store_put (self->store, doc, self->op->name, issues, &error);
  if (id == NULL)
    {
      g_free (self->save_error);
      self->save_error = g_strdup_printf (_("The household could not be saved: %s"),
                                          error != NULL ? error->message : _("unknown error"));
      apply_issues (self);
      return;
    }

  self->closing = TRUE;
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
editor_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  try_save (GD_HOUSEHOLD_EDITOR (widget));
}

static gboolean
save_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  /* Ctrl+S also when Save is off: then it shows what stands in the way */
  try_save (GD_HOUSEHOLD_EDITOR (widget));
  return TRUE;
}

/* Destroys the editor once the dialog that asked has finished its own response handling
 * (destroying the editor from inside it takes the dialog down mid-emission). */
static gboolean
destroy_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
destroy_later (GdHouseholdEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_delete_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    GdHouseholdEditor *self)
{
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *doc_id = NULL;

  if (!g_str_equal (response, "delete") || self->doc_id == NULL)
    return;
  before = gd_store_get (self->store, self->doc_id, &error);
  if (before == NULL
      || !gd_store_delete (self->store, self->doc_id, self->op->name, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The household could not be deleted: %s"),
                                               error != NULL ? error->message : _("unknown error"));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  json = gd_json_to_string (before, FALSE);
  doc_id = g_strdup (self->doc_id);

  self->closing = TRUE;
  g_signal_emit (self, signals[SIGNAL_DELETED], 0, doc_id, json);
  destroy_later (self);
}

static void
editor_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GdHouseholdEditor *self = GD_HOUSEHOLD_EDITOR (widget);
  const char *number = gd_json_get_string (self->doc, "number");
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n = self->members->len;

  if (self->doc_id == NULL)
    return;
  heading = g_strdup_printf (_("Delete Household %s?"), number != NULL ? number : "");
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The household and its %u member leave the register. You can undo this right afterwards.",
                                       "The household and its %u members leave the register. You can undo this right afterwards.",
                                       n),
                          n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_discard_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     GdHouseholdEditor *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  self->closing = TRUE;
  destroy_later (self);
}

static gboolean
gd_household_editor_close_request (GtkWindow *window)
{
  GdHouseholdEditor *self = GD_HOUSEHOLD_EDITOR (window);
  AdwMessageDialog *dialog;

  if (self->closing || !is_dirty (self))
    return GTK_WINDOW_CLASS (gd_household_editor_parent_class)->close_request (window);

  dialog = gd_discard_dialog_new (window, _("The changes to this household have not been saved."));
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Loading */

static void
add_message (GdHouseholdEditor *self,
             const char        *path,
             gpointer           row,
             gpointer           input)
{
  g_hash_table_insert (self->messages, (gpointer) path,
                       gd_field_message_new (GTK_WIDGET (row), GTK_WIDGET (input)));
}

static void
set_entry_text (gpointer    editable,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

static void
load_document (GdHouseholdEditor *self,
               JsonObject        *stored,
               const char        *grid)
{
  JsonArray *members;
  JsonObject *rental, *house;

  self->loading = TRUE;
  if (stored != NULL)
    {
      self->doc = gd_json_copy_object (stored);
      members = gd_json_get_array (self->doc, "members");
      for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
        {
          JsonNode *node = json_array_get_element (members, i);
          if (JSON_NODE_HOLDS_OBJECT (node))
            g_ptr_array_add (self->members, gd_json_copy_object (json_node_get_object (node)));
        }
      rental = gd_json_get_object (self->doc, "rental");
      self->rental = rental != NULL ? gd_json_copy_object (rental) : json_object_new ();
      if (json_object_has_member (self->doc, "members"))
        json_object_remove_member (self->doc, "members");
      if (json_object_has_member (self->doc, "rental"))
        json_object_remove_member (self->doc, "rental");
    }
  else
    {
      self->doc = json_object_new ();
      json_object_set_string_member (self->doc, "type", "household");
      if (grid != NULL)
        json_object_set_string_member (self->doc, "grid", grid);
      self->rental = json_object_new ();
      add_member (self);
    }

  setup_grid_dropdown (self, gd_json_get_string (self->doc, "grid"));
  if (stored == NULL && grid != NULL)
    {
      g_autofree char *number = suggest_number (self, grid);
      gd_json_set_text (self->doc, "number", number);
    }

  set_entry_text (self->number_row, gd_json_get_string (self->doc, "number"));
  set_entry_text (self->address_row, gd_json_get_string (self->doc, "address"));
  house = gd_json_get_object (self->doc, "house");
  set_entry_text (self->building_entry, house ? gd_json_get_string (house, "building") : NULL);
  set_entry_text (self->unit_entry, house ? gd_json_get_string (house, "unit") : NULL);
  set_entry_text (self->room_entry, house ? gd_json_get_string (house, "room") : NULL);
  gd_code_dropdown_set_code (self->housing_dropdown, gd_json_get_string (self->doc, "housing"));
  gtk_widget_set_visible (GTK_WIDGET (self->rental_group), is_rented (self));
  set_entry_text (self->landlord_row, gd_json_get_string (self->rental, "landlord"));
  set_entry_text (self->since_row, gd_json_get_string (self->rental, "since"));
  set_entry_text (self->until_row, gd_json_get_string (self->rental, "until"));
  self->loading = FALSE;
  show_landlord_phone (self);

  self->initial = build_document_node (self);
  rebuild_members_list (self, 0);
}

static void
gd_household_editor_dispose (GObject *object)
{
  GdHouseholdEditor *self = GD_HOUSEHOLD_EDITOR (object);

  /* tearing the widgets down emits selection and drop-down changes: ignore them */
  self->loading = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_HOUSEHOLD_EDITOR);
  g_clear_handle_id (&self->validate_source, g_source_remove);
  G_OBJECT_CLASS (gd_household_editor_parent_class)->dispose (object);
}

static void
gd_household_editor_finalize (GObject *object)
{
  GdHouseholdEditor *self = GD_HOUSEHOLD_EDITOR (object);

  g_clear_pointer (&self->op, gd_operator_free);
  g_clear_pointer (&self->store, gd_store_unref);
  g_free (self->doc_id);
  g_free (self->save_error);
  g_clear_pointer (&self->doc, json_object_unref);
  g_clear_pointer (&self->rental, json_object_unref);
  g_clear_pointer (&self->removed_member, json_object_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->initial, json_node_unref);
  g_clear_pointer (&self->revealed, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->new_members, g_hash_table_unref);
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->issues, gd_issues_free);
  G_OBJECT_CLASS (gd_household_editor_parent_class)->finalize (object);
}

static void
gd_household_editor_class_init (GdHouseholdEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gd_household_editor_dispose;
  object_class->finalize = gd_household_editor_finalize;
  window_class->close_request = gd_household_editor_close_request;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_OPEN_HOUSEHOLD] =
    g_signal_new ("open-household", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GD_TYPE_MEMBER_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gd-household-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, banner_box);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, grid_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, house_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, building_entry);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, room_entry);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, housing_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, rental_group);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, landlord_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, landlord_phone_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, since_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, until_row);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, members_list);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, members_message_box);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, members_message_label);
  gtk_widget_class_bind_template_child (widget_class, GdHouseholdEditor, member_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_members_list_row_selected);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, editor_save);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, editor_delete);
  gtk_widget_class_install_action (widget_class, "editor.add-member", NULL, editor_add_member);
  gtk_widget_class_install_action (widget_class, "editor.remove-member", NULL, editor_remove_member);
  gtk_widget_class_install_action (widget_class, "editor.undo-remove", NULL, editor_undo_remove);
  gtk_widget_class_install_action (widget_class, "editor.move-up", NULL, editor_move_up);
  gtk_widget_class_install_action (widget_class, "editor.move-down", NULL, editor_move_down);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gd_household_editor_init (GdHouseholdEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->members = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->revealed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->new_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);

  self->housing_dropdown = gd_code_dropdown_new ("housing", TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->housing_dropdown), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->housing_row, GTK_WIDGET (self->housing_dropdown));
  adw_action_row_set_activatable_widget (self->housing_row, GTK_WIDGET (self->housing_dropdown));
  gd_accessible_set_label (GTK_WIDGET (self->housing_dropdown), _("Housing"));
  g_signal_connect (self->housing_dropdown, "notify::selected",
                    G_CALLBACK (on_housing_selected), self);

  gd_accessible_set_label (GTK_WIDGET (self->number_row), NULL);
  gd_accessible_set_label (GTK_WIDGET (self->address_row), NULL);
  gd_accessible_set_label (GTK_WIDGET (self->landlord_row), NULL);
  gd_accessible_set_label (GTK_WIDGET (self->landlord_phone_row), NULL);
  gd_accessible_set_label (GTK_WIDGET (self->since_row), NULL);
  gd_accessible_set_label (GTK_WIDGET (self->until_row), NULL);

  connect_household_entry (self, self->number_row, "number");
  connect_household_entry (self, self->address_row, "address");
  connect_household_entry (self, self->building_entry, "house.building");
  connect_household_entry (self, self->unit_entry, "house.unit");
  connect_household_entry (self, self->room_entry, "house.room");
  connect_household_entry (self, self->landlord_row, "rental.landlord");
  connect_household_entry (self, self->landlord_phone_row, "rental.phone");
  connect_household_entry (self, self->since_row, "rental.since");
  connect_household_entry (self, self->until_row, "rental.until");
  gd_date_row_add_calendar (self->since_row);
  gd_date_row_add_calendar (self->until_row);

  self->landlord_reveal_button = gtk_button_new_from_icon_name ("view-reveal-symbolic");
  gtk_widget_set_valign (self->landlord_reveal_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->landlord_reveal_button, "flat");
  gtk_widget_set_tooltip_text (self->landlord_reveal_button,
                               _("Show the full number (written to the audit log)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->landlord_reveal_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reveal landlord phone"), -1);
  g_signal_connect (self->landlord_reveal_button, "clicked",
                    G_CALLBACK (on_landlord_reveal_clicked), self);
  adw_entry_row_add_suffix (self->landlord_phone_row, self->landlord_reveal_button);
  self->landlord_lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  gtk_widget_set_valign (self->landlord_lock, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->landlord_lock, "dim-label");
  adw_entry_row_add_suffix (self->landlord_phone_row, self->landlord_lock);

  add_message (self, "number", self->number_row, self->number_row);
  add_message (self, "grid", self->grid_row, self->grid_row);
  add_message (self, "address", self->address_row, self->address_row);
  add_message (self, "house", self->house_row, self->house_row);
  add_message (self, "housing", self->housing_row, self->housing_row);
  add_message (self, "rental.landlord", self->landlord_row, self->landlord_row);
  add_message (self, "rental.phone", self->landlord_phone_row, self->landlord_phone_row);
  add_message (self, "rental.since", self->since_row, self->since_row);
  add_message (self, "rental.until", self->until_row, self->until_row);

  g_signal_connect (self->member_editor, "changed", G_CALLBACK (on_member_editor_changed), self);
  g_signal_connect (self->member_editor, "reveal-requested",
                    G_CALLBACK (on_member_editor_reveal_requested), self);
  g_signal_connect (self->member_editor, "open-household",
                    G_CALLBACK (on_member_editor_open_household), self);
}

GdHouseholdEditor *
gd_household_editor_new (GtkWindow        *parent,
                         GdSession        *session,
                         const char       *doc_id,
                         const char       *grid)
{
  GdStore *store = gd_session_get_store (session);
  const GdOperator *op = gd_session_get_operator (session);
  GdHouseholdEditor *self;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (op != NULL && op->name != NULL, NULL);

  self = g_object_new (GD_TYPE_HOUSEHOLD_EDITOR,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = gd_store_ref (store);
  self->op = gd_operator_copy (op);
  gd_fit_window_to_screen (GTK_WINDOW (self), parent, 980, 720);

  if (doc_id != NULL)
    {
      stored = gd_store_get (store, doc_id, &error);
      if (stored == NULL)
        g_warning ("Cannot open household %s: %s", doc_id,
                   error != NULL ? error->message : "not found");
    }
  /* a household that cannot be read opens as a new one rather than as an empty "edit" */
  self->doc_id = stored != NULL ? g_strdup (doc_id) : NULL;

  reason = g_strdup_printf (_("Your role (%s) may not see full ID and phone numbers"),
                            gd_role_display_name (self->op->role));
  gd_member_editor_set_reveal_allowed (self->member_editor, gd_role_may_reveal (self->op->role),
                                       reason);
  gtk_widget_set_tooltip_text (self->landlord_lock, reason);

  load_document (self, stored, grid);
  validate_now (self);
  return self;
}
