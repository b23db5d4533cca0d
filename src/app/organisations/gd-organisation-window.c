/* gd-organisation-window.c: one organisation's page.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only: the fields, the open hazards (activating one asks for its incident), every
 * inspection newest first as an expander of its checklist, and the linked households. The
 * phone numbers are masked as in every list. The page is rebuilt when the organisation (or
 * one of its incidents) changes.
 */

#define G_LOG_DOMAIN "gd-organisation-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-form.h"
#include "gd-format.h"
#include "gd-inspection-form.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-organisation.h"
#include "gd-organisation-editor.h"
#include "gd-organisation-window.h"

struct _GdOrganisationWindow
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  AdwPreferencesGroup *details_group;
  GtkLabel            *risk_label;
  AdwPreferencesGroup *hazards_group;
  AdwPreferencesGroup *inspections_group;
  AdwPreferencesGroup *households_group;
  AdwStatusPage       *error_page;

  GdSession           *session;
  char                *doc_id;
  GPtrArray           *rows; /* the rows added to the groups, removed on a rebuild */
};

G_DEFINE_FINAL_TYPE (GdOrganisationWindow, gd_organisation_window, ADW_TYPE_WINDOW)

enum {
  SIGNAL_OPEN_INCIDENT,
  SIGNAL_OPEN_HOUSEHOLD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define TARGET_KEY "gd-target"

static void
add_row (GdOrganisationWindow *self,
         AdwPreferencesGroup  *group,
         GtkWidget            *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

/* A field: its title, its value. */
static void
add_field (GdOrganisationWindow *self,
           const char           *title,
           const char           *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  add_row (self, self->details_group, row);
}

/* "name · phone" with the phone masked, or NULL. */
static char *
contact_text (JsonObject *contact)
{
  const char *name = contact != NULL ? gd_json_get_string (contact, "name") : NULL;
  const char *phone = contact != NULL ? gd_json_get_string (contact, "phone") : NULL;
  g_autofree char *masked = phone != NULL ? gd_mask_phone (phone) : NULL;

  if (name == NULL)
    return NULL;
  return masked != NULL ? g_strdup_printf ("%s · %s", name, masked) : g_strdup (name);
}

static void
on_target_activated (GtkWidget            *row,
                     GdOrganisationWindow *self)
{
  const char *target = g_object_get_data (G_OBJECT (row), TARGET_KEY);
  guint signal = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "gd-signal"));

  if (target != NULL)
    g_signal_emit (self, signals[signal], 0, target);
}

/* A row that opens `target` (an incident or a household). */
static GtkWidget *
link_row_new (GdOrganisationWindow *self,
              const char           *title,
              const char           *subtitle,
              const char           *target,
              guint                 signal)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (target != NULL)
    {
      /* a button, not only the row: GTK 4.8 gives list rows no accessible action */
      GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");
      const char *label = signal == SIGNAL_OPEN_INCIDENT ? _("Open Incident") : _("Open Household");

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      gd_accessible_set_label (button, label);
      g_object_set_data_full (G_OBJECT (button), TARGET_KEY, g_strdup (target), g_free);
      g_object_set_data (G_OBJECT (button), "gd-signal", GUINT_TO_POINTER (signal));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_target_activated), self, 0);
    }
  return row;
}

/* The name of grid `code` (the code when no grid document has it). */
static char *
grid_name_of (GdStore    *store,
              const char *code)
{
  GdListQuery query = { .type = GD_DOC_GRID };
  g_autoptr(GPtrArray) grids = code != NULL ? gd_store_list (store, &query, NULL) : NULL;

  for (guint i = 0; grids != NULL && i < grids->len; i++)
    if (g_strcmp0 (gd_json_get_string (grids->pdata[i], "code"), code) == 0
        && gd_json_get_string (grids->pdata[i], "name") != NULL)
      return g_strdup (gd_json_get_string (grids->pdata[i], "name"));
  return g_strdup (code);
}

static void
show_details (GdOrganisationWindow *self,
              GdStore              *store,
              JsonObject           *doc)
{
  g_autofree char *grid_name = grid_name_of (store, gd_json_get_string (doc, "grid"));
  JsonObject *risk = gd_json_get_object (doc, "risk");
  const char *level = risk != NULL ? gd_json_get_string (risk, "level") : NULL;
  const char *status = gd_json_get_string (doc, "status");
  g_autofree char *representative = contact_text (gd_json_get_object (doc, "representative"));
  g_autofree char *safety = contact_text (gd_json_get_object (doc, "safety_contact"));
  g_autofree char *employees = NULL;
  g_autofree char *area = NULL;
  g_autofree char *risk_class = NULL;
  g_autofree char *risk_text = NULL;
  const char *kind = gd_json_get_string (doc, "kind");
  const char *premises = gd_json_get_string (doc, "premises");

  adw_window_title_set_title (self->window_title, gd_json_get_string (doc, "name"));
  adw_window_title_set_subtitle (self->window_title,
                                 premises != NULL ? gd_code_display_name ("premises-categories", premises) : NULL);
  gtk_window_set_title (GTK_WINDOW (self), gd_json_get_string (doc, "name"));

  if (json_object_has_member (doc, "employees"))
    employees = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (doc, "employees"));
  if (json_object_has_member (doc, "floor_area"))
    /* Translators: a floor area in square metres */
    area = g_strdup_printf (_("%.0f m²"), json_object_get_double_member (doc, "floor_area"));

  add_field (self, C_("organisation field", "Kind"), kind != NULL ? gd_code_display_name ("organisation-kinds", kind) : NULL);
  add_field (self, _("Premises category"),
             premises != NULL ? gd_code_display_name ("premises-categories", premises) : NULL);
  add_field (self, _("Unified social credit code"), gd_json_get_string (doc, "credit_code"));
  add_field (self, _("Legal representative or operator"), representative);
  add_field (self, _("Safety responsible person"), safety);
  add_field (self, C_("organisation field", "Address"), gd_json_get_string (doc, "address"));
  add_field (self, C_("organisation field", "Grid"), grid_name);
  add_field (self, _("Employees"), employees);
  add_field (self, _("Floor area"), area);
  add_field (self, _("Opened"), gd_json_get_string (doc, "opened_at"));
  add_field (self, C_("organisation field", "Status"), status != NULL ? gd_code_display_name ("organisation-statuses", status) : NULL);
  if (risk != NULL && gd_json_get_string (risk, "reason") != NULL)
    add_field (self, _("Why the risk level was set by hand"), gd_json_get_string (risk, "reason"));

  for (const char *const *c = (const char *const[]) { "risk-low", "risk-medium", "risk-high", "risk-major", NULL }; *c; c++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->risk_label), *c);
  if (level != NULL)
    {
      risk_class = g_strconcat ("risk-", level, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->risk_label), risk_class);
    }
  risk_text = level != NULL ? g_strdup (gd_code_display_name ("risk-levels", level)) : g_strdup (_("Not inspected"));
  gtk_label_set_text (self->risk_label, risk_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->risk_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  risk_text, -1);
}

static void
show_hazards (GdOrganisationWindow *self,
              JsonObject           *doc)
{
  g_autoptr(GArray) hazards = gd_organisation_open_hazards (doc);

  if (hazards == NULL || hazards->len == 0)
    {
      add_row (self, self->hazards_group,
               link_row_new (self, _("No open hazards"), NULL, NULL, 0));
      return;
    }
  for (guint i = 0; i < hazards->len; i++)
    {
      GdOpenHazard *hazard = &g_array_index (hazards, GdOpenHazard, i);
      g_autofree char *subtitle = NULL;

      if (hazard->rectify_by != NULL)
        /* Translators: a hazard's rectification deadline */
        subtitle = g_strdup_printf (_("Rectify by %s"), hazard->rectify_by);
      add_row (self, self->hazards_group,
               link_row_new (self, gd_code_display_name ("inspection-items", hazard->item),
                             subtitle, hazard->incident, SIGNAL_OPEN_INCIDENT));
    }
}

static const char *
result_text (const char *result)
{
  if (g_strcmp0 (result, "passed") == 0)
    return _("Passed");
  if (g_strcmp0 (result, "hazard") == 0)
    return _("Hazard");
  if (g_strcmp0 (result, "not_applicable") == 0)
    return _("Not applicable");
  return result != NULL ? result : "";
}

static int
compare_at_descending (gconstpointer a,
                       gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;

  return g_strcmp0 (gd_json_get_string (y, "at"), gd_json_get_string (x, "at"));
}

static GtkWidget *
inspection_row_new (GdOrganisationWindow *self,
                    JsonObject           *inspection)
{
  GtkWidget *expander = adw_expander_row_new ();
  JsonArray *inspectors = gd_json_get_array (inspection, "inspectors");
  JsonArray *checklist = gd_json_get_array (inspection, "checklist");
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *at = gd_json_get_string (inspection, "at");
  const char *level = gd_organisation_inspection_risk (inspection);
  guint hazards = 0;

  for (guint i = 0; inspectors != NULL && i < json_array_get_length (inspectors); i++)
    {
      const char *name = json_array_get_string_element (inspectors, i);

      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, _("、"));
      g_string_append (names, name);
    }
  for (guint i = 0; checklist != NULL && i < json_array_get_length (checklist); i++)
    if (g_strcmp0 (gd_json_get_string (json_array_get_object_element (checklist, i), "result"),
                   "hazard") == 0)
      hazards++;

  title = g_strdup_printf ("%.10s", at != NULL ? at : "");
  /* Translators: an inspection's summary: inspectors · number of hazards · risk level */
  subtitle = g_strdup_printf (g_dngettext (NULL, "%s · %u hazard · %s", "%s · %u hazards · %s", hazards),
                              names->str, hazards,
                              level != NULL ? gd_code_display_name ("risk-levels", level) : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

  for (guint i = 0; checklist != NULL && i < json_array_get_length (checklist); i++)
    {
      JsonObject *entry = json_array_get_object_element (checklist, i);
      const char *result = entry != NULL ? gd_json_get_string (entry, "result") : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (result_text (result));

      if (entry == NULL)
        continue;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     gd_code_display_name ("inspection-items", gd_json_get_string (entry, "item")));
      if (gd_json_get_string (entry, "note") != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gd_json_get_string (entry, "note"));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "badge");
      gtk_widget_add_css_class (label, g_strcmp0 (result, "hazard") == 0 ? "overdue"
                                       : g_strcmp0 (result, "passed") == 0 ? "on-time" : "status");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

static void
show_inspections (GdOrganisationWindow *self,
                  JsonObject           *doc)
{
  JsonArray *inspections = gd_json_get_array (doc, "inspections");
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; inspections != NULL && i < json_array_get_length (inspections); i++)
    {
      JsonObject *inspection = json_array_get_object_element (inspections, i);

      if (inspection != NULL)
        g_ptr_array_add (sorted, inspection);
    }
  g_ptr_array_sort (sorted, compare_at_descending);
  if (sorted->len == 0)
    add_row (self, self->inspections_group,
             link_row_new (self, _("Not inspected yet"), NULL, NULL, 0));
  for (guint i = 0; i < sorted->len; i++)
    {
      GtkWidget *row = inspection_row_new (self, sorted->pdata[i]);

      /* the newest inspection open: what the premises look like now */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), i == 0);
      add_row (self, self->inspections_group, row);
    }
}

static void
show_households (GdOrganisationWindow *self,
                 GdStore              *store,
                 JsonObject           *doc)
{
  JsonArray *households = gd_json_get_array (doc, "households");
  guint shown = 0;

  for (guint i = 0; households != NULL && i < json_array_get_length (households); i++)
    {
      const char *id = json_array_get_string_element (households, i);
      g_autoptr(JsonObject) household = id != NULL ? gd_store_get (store, id, NULL) : NULL;
      g_autofree char *title = NULL;

      if (household == NULL)
        continue;
      /* Translators: a linked household: its number and address */
      title = g_strdup_printf (_("Household %s"), gd_json_get_string (household, "number"));
      add_row (self, self->households_group,
               link_row_new (self, title, gd_json_get_string (household, "address"), id,
                             SIGNAL_OPEN_HOUSEHOLD));
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->households_group), shown > 0);
}

static void
clear_rows (GdOrganisationWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* Reads the organisation again and rebuilds the page. */
static void
reload (GdOrganisationWindow *self)
{
  GdStore *store = gd_session_get_store (self->session);
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self);
  if (store == NULL)
    return;
  doc = gd_store_get (store, self->doc_id, &error);
  if (doc == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "organisation.edit", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "organisation.inspect", FALSE);
      return;
    }
  show_details (self, store, doc);
  show_hazards (self, doc);
  show_inspections (self, doc);
  show_households (self, store, doc);
  gtk_stack_set_visible_child_name (self->stack, "page");
}

static void
organisation_edit (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GdOrganisationWindow *self = GD_ORGANISATION_WINDOW (widget);
  GdOrganisationEditor *editor;

  if (gd_session_get_store (self->session) == NULL)
    return;
  editor = gd_organisation_editor_new (GTK_WINDOW (self), self->session, self->doc_id, NULL, FALSE, 0, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
organisation_inspect (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GdOrganisationWindow *self = GD_ORGANISATION_WINDOW (widget);
  GdInspectionForm *form;

  if (gd_session_get_store (self->session) == NULL)
    return;
  form = gd_inspection_form_new (GTK_WINDOW (self), self->session, self->doc_id);
  gtk_window_present (GTK_WINDOW (form));
}

static void
gd_organisation_window_dispose (GObject *object)
{
  GdOrganisationWindow *self = GD_ORGANISATION_WINDOW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_ORGANISATION_WINDOW);
  G_OBJECT_CLASS (gd_organisation_window_parent_class)->dispose (object);
}

static void
gd_organisation_window_finalize (GObject *object)
{
  GdOrganisationWindow *self = GD_ORGANISATION_WINDOW (object);

  g_clear_object (&self->session);
  g_free (self->doc_id);
  G_OBJECT_CLASS (gd_organisation_window_parent_class)->finalize (object);
}

static void
gd_organisation_window_class_init (GdOrganisationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_organisation_window_dispose;
  object_class->finalize = gd_organisation_window_finalize;

  signals[SIGNAL_OPEN_INCIDENT] =
    g_signal_new ("open-incident", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_OPEN_HOUSEHOLD] =
    g_signal_new ("open-household", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-organisation-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationWindow, details_group);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationWindow, risk_label);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationWindow, hazards_group);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationWindow, inspections_group);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationWindow, households_group);
  gtk_widget_class_bind_template_child (widget_class, GdOrganisationWindow, error_page);
  gtk_widget_class_install_action (widget_class, "organisation.edit", NULL, organisation_edit);
  gtk_widget_class_install_action (widget_class, "organisation.inspect", NULL, organisation_inspect);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "organisation.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "organisation.inspect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gd_organisation_window_init (GdOrganisationWindow *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GdOrganisationWindow *
gd_organisation_window_new (GtkWindow  *parent,
                            GdSession  *session,
                            const char *doc_id)
{
  GdOrganisationWindow *self;

  g_return_val_if_fail (GD_IS_SESSION (session), NULL);
  g_return_val_if_fail (doc_id != NULL, NULL);

  self = g_object_new (GD_TYPE_ORGANISATION_WINDOW, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->doc_id = g_strdup (doc_id);
  /* an inspection elsewhere, an incident's step (its hazard closes): the page follows */
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_ORGANISATION) | GD_DOC_MASK (GD_DOC_INCIDENT),
                    self, (GdSessionReloadFunc) reload);
  reload (self);
  return self;
}
