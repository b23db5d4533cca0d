/* gd-incident-step.c: the dialog of one step of the loop (分流, 上报, 退回, 归档 …).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It asks what the step needs — a note, the reason of a return, the unit it goes to, the
 * resident's feedback before archiving — then applies it to the stored copy through
 * gd_incident_apply_transition() and gd_store_put().
 */

#define G_LOG_DOMAIN "gd-incident-step"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-error.h"
#include "gd-format.h"
#include "gd-incident-format.h"
#include "gd-incident-step.h"
#include "gd-json.h"
#include "gd-form.h"


typedef struct
{
  GtkWidget          *anchor;  /* the widget that asked; kept alive while the dialog is up */
  GdSession          *session;
  char               *doc_id;
  GdIncidentStepDone  done;
  GdIncidentStatus    to;
  AdwEntryRow      *note_row;
  AdwEntryRow      *unit_row;
  AdwEntryRow      *assignee_row;
  AdwEntryRow      *feedback_by_row;
  GtkDropDown      *satisfaction;
  AdwEntryRow      *feedback_note_row;
} Step;

static void
step_free (gpointer  data,
           GClosure *closure)
{
  Step *step = data;

  g_object_unref (step->anchor);
  g_object_unref (step->session);
  g_free (step->doc_id);
  g_free (step);
}

static const char *const satisfactions[] = { "satisfied", "basically", "dissatisfied" };

static gboolean
apply_step (Step    *step,
            GError **error)
{
  g_autoptr(GdOperator) op = gd_incident_current_operator (step->session);
  GdStore *store = gd_session_get_store (step->session);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *note = step->note_row ? gd_entry_row_dup_text (step->note_row) : NULL;
  g_autofree char *saved = NULL;

  if (op == NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_FORBIDDEN, _("Say who you are first (the operator button)."));
      return FALSE;
    }
  /* the stored copy, not the one on screen: another window may have changed it */
  if (store == NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_IO, _("The database is closed."));
      return FALSE;
    }
  doc = gd_store_get (store, step->doc_id, error);
  if (doc == NULL)
    return FALSE;
  if (step->unit_row != NULL)
    {
      g_autofree char *unit = gd_entry_row_dup_text (step->unit_row);
      g_autofree char *name = gd_entry_row_dup_text (step->assignee_row);

      if (unit != NULL || name != NULL)
        {
          JsonObject *assignee = json_object_new ();
          gd_json_set_text (assignee, "unit", unit);
          gd_json_set_text (assignee, "name", name);
          json_object_set_object_member (doc, "assignee", assignee);
        }
    }
  if (step->satisfaction != NULL)
    {
      JsonObject *feedback = json_object_new ();
      g_autofree char *now = gd_timestamp_format (NULL);
      g_autofree char *by = gd_entry_row_dup_text (step->feedback_by_row);
      g_autofree char *feedback_note = gd_entry_row_dup_text (step->feedback_note_row);
      guint chosen = gtk_drop_down_get_selected (step->satisfaction);

      json_object_set_string_member (feedback, "at", now);
      json_object_set_string_member (feedback, "by", by ? by : op->name);
      json_object_set_string_member (feedback, "satisfaction",
                                     satisfactions[MIN (chosen, G_N_ELEMENTS (satisfactions) - 1)]);
      gd_json_set_text (feedback, "note", feedback_note);
      json_object_set_object_member (doc, "feedback", feedback);
    }
  if (!gd_incident_apply_transition (doc, step->to, op->name, op->role, note, NULL, error))
    return FALSE;
  saved = gd_store_put (store, doc, op->name, NULL, error);
  return saved != NULL;
}

static void
on_step_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Step             *step)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  if (!apply_step (step, &error))
    {
      gd_incident_show_error (step->anchor, _("Cannot Move the Incident On"), error->message);
      return;
    }
  step->done (step->anchor);
}

static void
on_note_changed (AdwEntryRow      *row,
                 AdwMessageDialog *dialog)
{
  g_autofree char *text = gd_entry_row_dup_text (row);

  adw_message_dialog_set_response_enabled (dialog, "apply", text != NULL);
}

static AdwEntryRow *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gd_accessible_set_label (row, title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (list, row);
  return ADW_ENTRY_ROW (row);
}

void
gd_incident_step_present (GtkWidget          *anchor,
                          GdSession          *session,
                          JsonObject         *doc,
                          GdIncidentStatus    to,
                          GdIncidentStepDone  done)
{
  GdIncidentStatus from = GD_INCIDENT_REGISTERED;
  GtkRoot *root = gtk_widget_get_root (anchor);
  GtkWidget *list = gtk_list_box_new ();
  JsonObject *assignee = gd_json_get_object (doc, "assignee");
  JsonObject *reporter = gd_json_get_object (doc, "reporter");
  const char *heading;
  const char *body;
  AdwMessageDialog *dialog;
  Step *step;

  gd_incident_status_from_string (gd_json_get_string (doc, "status"), &from);
  heading = gd_incident_transition_label (from, to);
  switch (to)
    {
    case GD_INCIDENT_RETURNED:
      body = _("The incident goes back to whoever sent it. Say why, so they can put it right.");
      break;
    case GD_INCIDENT_ESCALATED:
      body = _("Report the incident to the level above; its handling level goes up one step.");
      break;
    case GD_INCIDENT_ARCHIVED:
      body = _("Archiving closes the loop. The resident's feedback is recorded with it.");
      break;
    default:
      body = _("Add a note for the timeline if there is something to say.");
      break;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  step = g_new0 (Step, 1);
  step->anchor = g_object_ref (anchor);
  step->session = g_object_ref (session);
  step->doc_id = g_strdup (gd_json_get_string (doc, "_id"));
  step->done = done;
  step->to = to;

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  if (to == GD_INCIDENT_DISPATCHED || to == GD_INCIDENT_ESCALATED
      || (to == GD_INCIDENT_IN_PROGRESS && from != GD_INCIDENT_VERIFYING))
    {
      step->unit_row = add_entry_row (GTK_LIST_BOX (list), _("Handled by (unit)"),
                                      gd_json_get_string (assignee, "unit"));
      step->assignee_row = add_entry_row (GTK_LIST_BOX (list), _("Person in charge"),
                                          gd_json_get_string (assignee, "name"));
    }
  if (to == GD_INCIDENT_ARCHIVED && gd_json_get_object (doc, "feedback") == NULL)
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      GtkWidget *row = adw_action_row_new ();

      step->feedback_by_row = add_entry_row (GTK_LIST_BOX (list), _("Feedback from"),
                                             gd_json_get_string (reporter, "name"));
      gtk_string_list_append (choices, _("Satisfied"));
      gtk_string_list_append (choices, _("Basically satisfied"));
      gtk_string_list_append (choices, _("Dissatisfied"));
      step->satisfaction = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL));
      gd_dropdown_follow_popup_selection (step->satisfaction);
      gtk_widget_set_valign (GTK_WIDGET (step->satisfaction), GTK_ALIGN_CENTER);
      gd_accessible_set_label (GTK_WIDGET (step->satisfaction), _("Satisfaction"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Satisfaction"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (step->satisfaction));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      step->feedback_note_row = add_entry_row (GTK_LIST_BOX (list), _("What the resident said"), NULL);
    }
  step->note_row = add_entry_row (GTK_LIST_BOX (list),
                                  to == GD_INCIDENT_RETURNED ? _("Reason (required)") : _("Note"), NULL);
  adw_message_dialog_set_extra_child (dialog, list);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "apply", heading);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              to == GD_INCIDENT_RETURNED ? ADW_RESPONSE_DESTRUCTIVE
                                                                         : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (to == GD_INCIDENT_RETURNED)
    {
      adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
      g_signal_connect (step->note_row, "changed", G_CALLBACK (on_note_changed), dialog);
    }
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_step_response), step,
                         step_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
