/* gd-incident-detail.c: one incident, and the steps that move it on.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the transitions that exist from the current status and that the operator's role may
 * make get a button (gd-incident-flow decides both); each asks for what the step needs — a
 * note, the reason of a return, the unit it goes to, the resident's feedback before
 * archiving — and is one gd_store_put(). Photos are attachments (bytes outside the JSON).
 */

#define G_LOG_DOMAIN "gd-incident-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-error.h"
#include "gd-format.h"
#include "gd-incident-detail.h"
#include "gd-incident-flow.h"
#include "gd-incident-format.h"
#include "gd-incident-step.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-form.h"
#include "gd-store-attachments.h"

#define THUMBNAIL_SIZE 112

struct _GdIncidentDetail
{
  AdwBin      parent_instance;

  GtkStack   *stack;
  GtkWidget  *content;
  GtkLabel   *number_label;
  GtkLabel   *status_label;
  GtkLabel   *urgency_label;
  GtkLabel   *deadline_label;
  GtkLabel   *title_label;
  GtkLabel   *description_label;
  GtkFlowBox *actions_box;
  GtkLabel   *actions_hint;
  GtkListBox *fields_list;
  GtkButton  *add_photo_button;
  GtkFlowBox *photos_box;
  GtkLabel   *no_photos_label;
  GtkWidget  *links_heading;
  GtkListBox *links_list;
  GtkListBox *timeline_list;

  GdSession  *session;
  GdStore    *store;   /* the session's, while it is open */
  char       *doc_id;
  JsonObject *doc;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (GdIncidentDetail, gd_incident_detail, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fill (GdIncidentDetail *self);

static void
remove_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else
        gtk_widget_unparent (child);
    }
}

/* ---- fields ---- */

static void
add_field (GtkListBox *list,
           const char *title,
           const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  /* the subtitle is what matters here: it may be long (addresses, notes) */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (list, row);
}

static char *
format_location (JsonObject *location)
{
  const char *address = gd_json_get_string (location, "address");
  JsonNode *lat = location ? json_object_get_member (location, "lat") : NULL;
  JsonNode *lon = location ? json_object_get_member (location, "lon") : NULL;

  if (lat != NULL && lon != NULL && JSON_NODE_HOLDS_VALUE (lat) && JSON_NODE_HOLDS_VALUE (lon))
    /* Translators: an address, then latitude and longitude */
    return g_strdup_printf (_("%s (%.5f, %.5f)"), address ? address : "",
                            json_node_get_double (lat), json_node_get_double (lon));
  return g_strdup (address);
}

static void
fill_fields (GdIncidentDetail *self)
{
  JsonObject *doc = self->doc;
  JsonObject *reporter = gd_json_get_object (doc, "reporter");
  JsonObject *assignee = gd_json_get_object (doc, "assignee");
  JsonObject *override = gd_json_get_object (doc, "deadline_override");
  JsonObject *feedback = gd_json_get_object (doc, "feedback");
  g_autofree char *category = gd_incident_category_path (gd_json_get_string (doc, "category"));
  g_autofree char *reported = gd_format_date_time (gd_json_get_string (doc, "reported_at"));
  g_autofree char *deadline = gd_format_date_time (gd_json_get_string (doc, "deadline"));
  g_autofree char *location = format_location (gd_json_get_object (doc, "location"));
  g_autofree char *phone = gd_mask_phone (gd_json_get_string (reporter, "phone"));
  g_autofree char *who = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *grid_name = NULL;
  g_autofree char *feedback_text = NULL;
  g_autoptr(JsonObject) grid = NULL;
  const char *grid_code = gd_json_get_string (doc, "grid");

  remove_children (GTK_WIDGET (self->fields_list));
  add_field (self->fields_list, _("Category"), category);
  add_field (self->fields_list, _("Source"),
             gd_code_display_name ("incident-sources", gd_json_get_string (doc, "source")));
  add_field (self->fields_list, _("Urgency"),
             gd_code_display_name ("urgency", gd_json_get_string (doc, "urgency")));
  if (grid_code != NULL)
    {
      GdListQuery query = { .type = GD_DOC_GRID, .grid = grid_code, .limit = 1 };
      g_autoptr(GPtrArray) grids = gd_store_list (self->store, &query, NULL);
      grid = grids != NULL && grids->len > 0 ? json_object_ref (grids->pdata[0]) : NULL;
      grid_name = g_strdup (grid != NULL ? gd_json_get_string (grid, "name") : grid_code);
    }
  add_field (self->fields_list, _("Grid"), grid_name);
  add_field (self->fields_list, _("Reported"), reported);
  if (override != NULL)
    {
      g_autofree char *computed = gd_format_date_time (gd_json_get_string (override, "computed"));
      g_autofree char *text = NULL;

      /* Translators: the deadline set by hand, the rule's deadline, the reason given */
      text = g_strdup_printf (_("%s (changed from %s: %s)"), deadline, computed,
                              gd_json_get_string (override, "reason"));
      add_field (self->fields_list, _("Deadline"), text);
    }
  else
    add_field (self->fields_list, _("Deadline"), deadline);
  add_field (self->fields_list, _("Handling level"),
             gd_code_display_name ("handling-levels", gd_json_get_string (doc, "handling_level")));
  if (assignee != NULL)
    {
      unit = g_strjoin (" · ", gd_json_get_string (assignee, "unit") ? gd_json_get_string (assignee, "unit") : "",
                        gd_json_get_string (assignee, "name"), NULL);
      add_field (self->fields_list, _("Assigned to"), unit);
    }
  if (reporter != NULL)
    {
      who = phone != NULL ? g_strdup_printf ("%s · %s", gd_json_get_string (reporter, "name") ?: "", phone)
                          : g_strdup (gd_json_get_string (reporter, "name"));
      add_field (self->fields_list, _("Reporter"), who);
    }
  add_field (self->fields_list, _("Location"), location);
  if (feedback != NULL)
    {
      const char *satisfaction = gd_json_get_string (feedback, "satisfaction");
      const char *names[] = { "satisfied", N_("Satisfied"), "basically", N_("Basically satisfied"),
                              "dissatisfied", N_("Dissatisfied") };
      const char *shown = satisfaction;

      for (guint i = 0; i < G_N_ELEMENTS (names); i += 2)
        if (g_strcmp0 (names[i], satisfaction) == 0)
          shown = _(names[i + 1]);
      feedback_text = g_strdup_printf ("%s · %s%s%s", gd_json_get_string (feedback, "by") ?: "", shown,
                                       gd_json_get_string (feedback, "note") ? " · " : "",
                                       gd_json_get_string (feedback, "note") ?: "");
      add_field (self->fields_list, _("Resident feedback"), feedback_text);
    }
}

/* ---- timeline ---- */

static void
fill_timeline (GdIncidentDetail *self)
{
  JsonArray *timeline = gd_json_get_array (self->doc, "timeline");

  remove_children (GTK_WIDGET (self->timeline_list));
  /* newest first: the last step is what the operator looks for */
  for (guint n = timeline ? json_array_get_length (timeline) : 0; n > 0; n--)
    {
      JsonObject *entry = json_array_get_object_element (timeline, n - 1);
      const char *from = gd_json_get_string (entry, "from");
      const char *to = gd_json_get_string (entry, "to");
      g_autofree char *when = gd_format_date_time (gd_json_get_string (entry, "at"));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (from != NULL && to != NULL)
        /* Translators: two statuses, 登记 → 分流 */
        title = g_strdup_printf (_("%s → %s"), gd_incident_status_name (from), gd_incident_status_name (to));
      else
        title = g_strdup (to ? gd_incident_status_name (to) : gd_json_get_string (entry, "action"));
      subtitle = g_strdup_printf ("%s · %s%s%s", when, gd_json_get_string (entry, "by") ?: "",
                                  gd_json_get_string (entry, "note") ? "\n" : "",
                                  gd_json_get_string (entry, "note") ?: "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->timeline_list, row);
    }
}

/* ---- links ---- */

static void
add_link (GdIncidentDetail *self,
          const char       *title,
          const char       *subtitle,
          const char       *action,
          const char       *doc_id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open"));
  /* Translators: a household head's name or a case number */
  g_autofree char *label = g_strdup_printf (_("Open %s"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* the action belongs to the view that shows such records; without it the button is off */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", doc_id);
  gd_accessible_set_label (button, label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (self->links_list, row);
}

static void
fill_links (GdIncidentDetail *self)
{
  JsonObject *links = gd_json_get_object (self->doc, "links");
  JsonArray *households = gd_json_get_array (links, "households");
  JsonArray *disputes = gd_json_get_array (links, "disputes");
  guint n = 0;

  remove_children (GTK_WIDGET (self->links_list));
  for (guint i = 0; households != NULL && i < json_array_get_length (households); i++, n++)
    {
      const char *id = json_array_get_string_element (households, i);
      g_autoptr(JsonObject) household = id ? gd_store_get (self->store, id, NULL) : NULL;
      JsonArray *members = gd_json_get_array (household, "members");
      JsonObject *head = members && json_array_get_length (members) > 0
                         ? json_array_get_object_element (members, 0) : NULL;
      g_autofree char *title = g_strdup_printf (_("Household of %s"),
                                                gd_json_get_string (head, "name") ?: _("unknown"));

      if (id != NULL)
        add_link (self, title, gd_json_get_string (household, "address"), "win.open-household", id);
    }
  for (guint i = 0; disputes != NULL && i < json_array_get_length (disputes); i++, n++)
    {
      const char *id = json_array_get_string_element (disputes, i);
      g_autoptr(JsonObject) dispute = id ? gd_store_get (self->store, id, NULL) : NULL;
      g_autofree char *title = g_strdup_printf (_("Dispute %s"), gd_json_get_string (dispute, "number") ?: "");

      if (id != NULL)
        add_link (self, title, gd_json_get_string (dispute, "summary"), "win.open-dispute", id);
    }
  gtk_widget_set_visible (self->links_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->links_list), n > 0);
}

/* ---- photos ---- */

static void
open_viewer (GtkButton        *button,
             GdIncidentDetail *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "gd-name");
  GdkTexture *texture = g_object_get_data (G_OBJECT (button), "gd-texture");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

  gtk_window_set_title (GTK_WINDOW (window), name);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 680);
  gtk_widget_set_vexpand (picture, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), picture);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
fill_photos (GdIncidentDetail *self)
{
  g_autoptr(GPtrArray) names = gd_store_list_attachments (self->store, self->doc_id, NULL);
  guint shown = 0;

  remove_children (GTK_WIDGET (self->photos_box));
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autoptr(GBytes) bytes = gd_store_get_attachment (self->store, self->doc_id, name, NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = bytes ? gdk_texture_new_from_bytes (bytes, &error) : NULL;
      GtkWidget *button, *picture;
      g_autofree char *label = NULL;

      if (texture == NULL)
        {
          g_warning ("Cannot show photo %s of %s: %s", name, self->doc_id,
                     error ? error->message : "not stored");
          continue;
        }
      /* an image, not a picture: its size is the thumbnail's, not the photo's */
      picture = gtk_image_new_from_paintable (GDK_PAINTABLE (texture));
      gtk_image_set_pixel_size (GTK_IMAGE (picture), THUMBNAIL_SIZE);
      gtk_widget_add_css_class (picture, "incident-thumbnail");
      gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
      button = gtk_button_new ();
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_button_set_child (GTK_BUTTON (button), picture);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, name);
      /* Translators: a photo's file name */
      label = g_strdup_printf (_("View photo %s"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "gd-name", g_strdup (name), g_free);
      g_object_set_data_full (G_OBJECT (button), "gd-texture", g_object_ref (texture), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (open_viewer), self);
      gtk_flow_box_append (self->photos_box, button);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->photos_box), shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_photos_label), shown == 0);
}

/* A name for the new attachment: the file's own, or photo-N when taken. */
static char *
attachment_name (GdIncidentDetail *self,
                 GFile            *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autoptr(GPtrArray) names = gd_store_list_attachments (self->store, self->doc_id, NULL);
  g_autofree char *extension = NULL;
  const char *dot;

  if (base != NULL && base[0] != '_' && !g_ptr_array_find_with_equal_func (names, base, g_str_equal, NULL))
    return g_steal_pointer (&base);
  dot = base ? strrchr (base, '.') : NULL;
  extension = g_strdup (dot ? dot : ".jpg");
  for (guint n = names->len + 1;; n++)
    {
      char *name = g_strdup_printf ("photo-%u%s", n, extension);
      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        return name;
      g_free (name);
    }
}

static gboolean
attach_file (GdIncidentDetail *self,
             GFile            *file,
             GError          **error)
{
  g_autoptr(GdOperator) op = gd_incident_current_operator (self->session);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *guessed = NULL;
  g_autofree char *mime = NULL;
  gsize size;

  if (op == NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_FORBIDDEN, _("Say who you are first (the operator button)."));
      return FALSE;
    }
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  name = attachment_name (self, file);
  guessed = g_content_type_guess (name, g_bytes_get_data (bytes, &size), size, NULL);
  mime = g_content_type_get_mime_type (guessed);
  return gd_store_put_attachment (self->store, self->doc_id, name, mime ? mime : guessed, bytes,
                                  op->name, error);
}

static void
attach_files (GdIncidentDetail *self,
              GSList           *files)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint added = 0;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      if (attach_file (self, l->data, &error))
        added++;
      else
        g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "", error->message);
    }
  if (added > 0)
    {
      fill (self);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, self->doc_id);
    }
  if (problems->len > 0)
    gd_incident_show_error (GTK_WIDGET (self), _("Cannot Attach the Photo"), problems->str);
}

static void
on_chooser_response (GtkNativeDialog  *chooser,
                     int               response,
                     GdIncidentDetail *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      attach_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  g_clear_object (&self->chooser);
}

static void
on_add_photo_clicked (GdIncidentDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add Photos"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos (JPEG, PNG)"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         GdIncidentDetail *self)
{
  if (self->doc_id == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  attach_files (self, g_value_get_boxed (value));
  return TRUE;
}

static GdkDragAction
on_drop_enter (GtkDropTarget    *target,
               double            x,
               double            y,
               GdIncidentDetail *self)
{
  if (self->doc_id == NULL)
    return 0;
  gtk_widget_add_css_class (self->content, "incident-drop-target");
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget    *target,
               GdIncidentDetail *self)
{
  gtk_widget_remove_css_class (self->content, "incident-drop-target");
}

/* ---- transitions ---- */

static void
on_step_done (GtkWidget *anchor)
{
  GdIncidentDetail *self = GD_INCIDENT_DETAIL (anchor);

  fill (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, self->doc_id);
}

static void
on_step_clicked (GtkButton        *button,
                 GdIncidentDetail *self)
{
  GdIncidentStatus to = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "gd-to"));

  if (self->doc != NULL)
    gd_incident_step_present (GTK_WIDGET (self), self->session, self->doc, to, on_step_done);
}

/* the step forward first (it is the suggested one), then escalating, returning last */
static const GdIncidentStatus step_order[] = {
  GD_INCIDENT_REGISTERED, GD_INCIDENT_DISPATCHED, GD_INCIDENT_IN_PROGRESS, GD_INCIDENT_VERIFYING,
  GD_INCIDENT_FEEDBACK, GD_INCIDENT_ARCHIVED, GD_INCIDENT_ESCALATED, GD_INCIDENT_RETURNED,
};

static void
fill_actions (GdIncidentDetail *self)
{
  g_autoptr(GdOperator) op = gd_incident_current_operator (self->session);
  GdIncidentStatus from;
  guint n = 0;

  remove_children (GTK_WIDGET (self->actions_box));
  if (!gd_incident_status_from_string (gd_json_get_string (self->doc, "status"), &from))
    return;
  for (guint i = 0; op != NULL && i < G_N_ELEMENTS (step_order); i++)
    {
      GdIncidentStatus to = step_order[i];
      GtkWidget *button;

      if (!gd_incident_transition_exists (from, to)
          || !gd_incident_transition_allowed (from, to, op->role, NULL))
        continue;
      button = gtk_button_new_with_label (gd_incident_transition_label (from, to));
      g_object_set_data (G_OBJECT (button), "gd-to", GUINT_TO_POINTER (to));
      gtk_widget_add_css_class (button, to == GD_INCIDENT_RETURNED ? "destructive-action" : "pill");
      if (n == 0 && to != GD_INCIDENT_RETURNED)
        gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (on_step_clicked), self);
      gtk_flow_box_append (self->actions_box, button);
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actions_box), n > 0);
  if (op == NULL)
    gtk_label_set_text (self->actions_hint, _("Say who you are (the operator button) to move incidents on."));
  else if (n == 0 && from == GD_INCIDENT_ARCHIVED)
    gtk_label_set_text (self->actions_hint, _("Archived. Only a centre operator or an administrator can reopen it."));
  else if (n == 0)
    /* Translators: a role, 网格员 */
    gtk_label_set_text (self->actions_hint, _("Nothing for you to do at this step: a centre operator takes it on."));
  gtk_widget_set_visible (GTK_WIDGET (self->actions_hint), n == 0);
}

/* ---- the whole pane ---- */

static void
fill (GdIncidentDetail *self)
{
  g_autoptr(GError) error = NULL;
  const char *description;

  g_clear_pointer (&self->doc, json_object_unref);
  if (self->doc_id != NULL && self->store != NULL)
    self->doc = gd_store_get (self->store, self->doc_id, &error);
  if (self->doc == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot show %s: %s", self->doc_id, error->message);
      g_clear_pointer (&self->doc_id, g_free);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_text (self->number_label, gd_json_get_string (self->doc, "number"));
  gtk_label_set_text (self->status_label, gd_incident_status_name (gd_json_get_string (self->doc, "status")));
  gd_incident_urgency_badge (self->urgency_label, gd_json_get_string (self->doc, "urgency"));
  gd_incident_deadline_badge (self->deadline_label, gd_json_get_string (self->doc, "deadline"),
                              gd_json_get_string (self->doc, "status"));
  gtk_label_set_text (self->title_label, gd_json_get_string (self->doc, "title"));
  description = gd_json_get_string (self->doc, "description");
  gtk_label_set_text (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);

  fill_actions (self);
  fill_fields (self);
  fill_photos (self);
  fill_links (self);
  fill_timeline (self);
  gtk_stack_set_visible_child_name (self->stack, "incident");
}

static void
on_close_clicked (GdIncidentDetail *self)
{
  gd_incident_detail_show (self, NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL);
}

static void
gd_incident_detail_dispose (GObject *object)
{
  GdIncidentDetail *self = GD_INCIDENT_DETAIL (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_INCIDENT_DETAIL);
  G_OBJECT_CLASS (gd_incident_detail_parent_class)->dispose (object);
}

static void
gd_incident_detail_finalize (GObject *object)
{
  GdIncidentDetail *self = GD_INCIDENT_DETAIL (object);

  g_clear_pointer (&self->doc, json_object_unref);
  g_free (self->doc_id);
  G_OBJECT_CLASS (gd_incident_detail_parent_class)->finalize (object);
}

static void
gd_incident_detail_class_init (GdIncidentDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_incident_detail_dispose;
  object_class->finalize = gd_incident_detail_finalize;

  /* the incident was changed here (a step, a photo): lists and counts should follow;
   * NULL: the pane was closed */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-incident-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, content);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, number_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, urgency_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, actions_box);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, actions_hint);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, fields_list);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, add_photo_button);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, photos_box);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, no_photos_label);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, links_heading);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, links_list);
  gtk_widget_class_bind_template_child (widget_class, GdIncidentDetail, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_photo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked);
}

static void
gd_incident_detail_init (GdIncidentDetail *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
gd_incident_detail_set_session (GdIncidentDetail *self,
                                GdSession        *session)
{
  g_return_if_fail (GD_IS_INCIDENT_DETAIL (self));

  g_set_object (&self->session, session);
}

void
gd_incident_detail_set_store (GdIncidentDetail *self,
                              GdStore          *store)
{
  g_return_if_fail (GD_IS_INCIDENT_DETAIL (self));

  self->store = store;
  gd_incident_detail_show (self, NULL);
}

gboolean
gd_incident_detail_show (GdIncidentDetail *self,
                         const char       *doc_id)
{
  g_return_val_if_fail (GD_IS_INCIDENT_DETAIL (self), FALSE);

  if (doc_id != self->doc_id)
    {
      g_free (self->doc_id);
      self->doc_id = g_strdup (doc_id);
    }
  fill (self);
  return self->doc != NULL;
}

const char *
gd_incident_detail_get_doc_id (GdIncidentDetail *self)
{
  g_return_val_if_fail (GD_IS_INCIDENT_DETAIL (self), NULL);
  return self->doc_id;
}

void
gd_incident_detail_refresh (GdIncidentDetail *self)
{
  g_return_if_fail (GD_IS_INCIDENT_DETAIL (self));
  fill (self);
}
