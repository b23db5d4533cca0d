/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-incident-format"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-format.h"
#include "gd-incident-format.h"
#include "gd-form.h"
#include "gd-register.h"
#include "gd-search.h"

const char *
gd_incident_status_name (const char *status)
{
  return gd_code_display_name ("incident-statuses", status);
}

const char *
gd_incident_category_icon (const char *category)
{
  static const struct { const char *class; const char *icon; } icons[] = {
    { "GZ", "system-users-symbolic" },             /* persons of concern */
    { "MD", "emblem-shared-symbolic" },            /* disputes */
    { "ZA", "security-high-symbolic" },            /* public order */
    { "AQ", "dialog-warning-symbolic" },           /* safety hazards */
    { "SR", "user-trash-symbolic" },               /* city appearance */
    { "XG", "x-office-presentation-symbolic" },    /* advertising */
    { "SG", "applications-engineering-symbolic" }, /* construction */
    { "JM", "mark-location-symbolic" },            /* street order */
    { "TF", "weather-storm-symbolic" },            /* emergencies */
  };

  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (icons); i++)
    if (strncmp (category, icons[i].class, 2) == 0)
      return icons[i].icon;
  return "view-more-symbolic";
}

char *
gd_incident_category_path (const char *category)
{
  g_autofree char *class = NULL;

  if (category == NULL)
    return g_strdup ("");
  if (strlen (category) <= 2)
    return g_strdup (gd_code_display_name ("incident-categories", category));
  class = g_strndup (category, 2);
  return g_strdup_printf ("%s › %s", gd_code_display_name ("incident-categories", class),
                          gd_code_display_name ("incident-categories", category));
}

static void
set_classes (GtkWidget  *widget,
             const char *keep)
{
  static const char *const badges[] = { "overdue", "due-soon", "on-time", "closed", NULL };

  for (guint i = 0; badges[i] != NULL; i++)
    if (g_strcmp0 (badges[i], keep) != 0)
      gtk_widget_remove_css_class (widget, badges[i]);
  gtk_widget_add_css_class (widget, "badge");
  if (keep != NULL)
    gtk_widget_add_css_class (widget, keep);
}

/* "2 天", "5 小时", "40 分钟": the larger unit that fits */
static char *
format_span (GTimeSpan span)
{
  gint64 minutes = span / G_TIME_SPAN_MINUTE;

  if (minutes >= 48 * 60)
    return g_strdup_printf (ngettext ("%d day", "%d days", (gulong) (minutes / (24 * 60))),
                            (int) (minutes / (24 * 60)));
  if (minutes >= 60)
    return g_strdup_printf (ngettext ("%d hour", "%d hours", (gulong) (minutes / 60)),
                            (int) (minutes / 60));
  return g_strdup_printf (ngettext ("%d minute", "%d minutes", (gulong) MAX (minutes, 1)),
                          (int) MAX (minutes, 1));
}

void
gd_incident_deadline_badge (GtkLabel   *label,
                            const char *deadline,
                            const char *status)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = deadline ? g_date_time_new_from_iso8601 (deadline, NULL) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *span = NULL;
  g_autofree char *when = gd_format_date_time (deadline);
  g_autofree char *tooltip = NULL;
  GtkWidget *widget = GTK_WIDGET (label);

  switch (gd_deadline_state (deadline, status, now))
    {
    case GD_DEADLINE_NONE:
      gtk_widget_set_visible (widget, FALSE);
      return;
    case GD_DEADLINE_CLOSED:
      set_classes (widget, "closed");
      text = g_strdup (_("Closed"));
      break;
    case GD_DEADLINE_OVERDUE:
      set_classes (widget, "overdue");
      span = format_span (g_date_time_difference (now, due));
      /* Translators: a span of time, "2 days" */
      text = g_strdup_printf (_("Overdue %s"), span);
      break;
    case GD_DEADLINE_DUE_SOON:
      set_classes (widget, "due-soon");
      span = format_span (g_date_time_difference (due, now));
      /* Translators: a span of time left, "5 hours" */
      text = g_strdup_printf (_("%s left"), span);
      break;
    case GD_DEADLINE_OK:
    default:
      set_classes (widget, "on-time");
      span = format_span (g_date_time_difference (due, now));
      text = g_strdup_printf (_("%s left"), span);
      break;
    }
  gtk_widget_set_visible (widget, TRUE);
  gtk_label_set_text (label, text);
  /* Translators: the deadline as date and time */
  tooltip = g_strdup_printf (_("Deadline %s"), when);
  gtk_widget_set_tooltip_text (widget, tooltip);
}

void
gd_incident_urgency_badge (GtkLabel   *label,
                           const char *urgency)
{
  gboolean show = g_strcmp0 (urgency, "urgent") == 0 || g_strcmp0 (urgency, "critical") == 0;

  gtk_widget_set_visible (GTK_WIDGET (label), show);
  if (!show)
    return;
  gtk_widget_add_css_class (GTK_WIDGET (label), "badge");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "urgent");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "critical");
  gtk_widget_add_css_class (GTK_WIDGET (label), urgency);
  gtk_label_set_text (label, gd_code_display_name ("urgency", urgency));
}

char *
gd_incident_format_age (const char *reported_at)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = reported_at ? g_date_time_new_from_iso8601 (reported_at, NULL) : NULL;
  GTimeSpan age;
  g_autofree char *span = NULL;

  if (at == NULL)
    return g_strdup ("");
  age = g_date_time_difference (now, at);
  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));
  span = format_span (age);
  /* Translators: a span of time, "3 days" */
  return g_strdup_printf (_("%s ago"), span);
}

const char *
gd_incident_transition_label (GdIncidentStatus from,
                              GdIncidentStatus to)
{
  switch (to)
    {
    case GD_INCIDENT_DISPATCHED:
      return _("Dispatch");
    case GD_INCIDENT_ESCALATED:
      return _("Escalate");
    case GD_INCIDENT_IN_PROGRESS:
      if (from == GD_INCIDENT_ARCHIVED)
        return _("Reopen");
      if (from == GD_INCIDENT_VERIFYING)
        return _("Verification Failed, Redo");
      return _("Start Handling");
    case GD_INCIDENT_VERIFYING:
      return _("Submit for Verification");
    case GD_INCIDENT_FEEDBACK:
      return _("Verified, Give Feedback");
    case GD_INCIDENT_ARCHIVED:
      return _("Archive");
    case GD_INCIDENT_RETURNED:
      return _("Return");
    case GD_INCIDENT_REGISTERED:
    default:
      return _("Resubmit");
    }
}

GdOperator *
gd_incident_current_operator (GdSession *session)
{
  return session != NULL ? gd_operator_copy (gd_session_get_operator (session)) : NULL;
}

GdDeadlineRules *
gd_incident_deadline_rules (GdSession *session)
{
  return gd_incident_deadline_rules_from_settings (session != NULL
                                                   ? gd_session_get_settings (session) : NULL);
}

GdDeadlineRules *
gd_incident_deadline_rules_from_settings (GSettings *settings)
{
  GdDeadlineRules *rules = gd_deadline_rules_new_default ();
  g_autofree char *own_rules = settings ? g_settings_get_string (settings, "deadline-rules") : NULL;
  g_autofree char *own_calendar = settings ? g_settings_get_string (settings, "holiday-calendar") : NULL;
  g_autoptr(GError) error = NULL;

  /* edits that no longer load (a category gone from the code table) fall back to the
   * shipped rules rather than leaving incidents without a deadline */
  if (own_rules != NULL && *own_rules != '\0'
      && !gd_deadline_rules_load_rules (rules, own_rules, &error))
    g_warning ("Ignoring the saved deadline rules: %s", error->message);
  g_clear_error (&error);
  if (own_calendar != NULL && *own_calendar != '\0'
      && !gd_deadline_rules_load_calendar (rules, own_calendar, &error))
    g_warning ("Ignoring the saved holiday calendar: %s", error->message);
  return rules;
}

void
gd_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

GtkWidget *
gd_incident_household_row (const char *title,
                           const char *subtitle,
                           const char *button_label,
                           const char *id,
                           GCallback   callback,
                           gpointer    data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (button_label);
  g_autofree char *label = g_strdup_printf ("%s %s", button_label, title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gd_accessible_set_label (button, label);
  g_object_set_data_full (G_OBJECT (button), "gd-id", g_strdup (id), g_free);
  g_signal_connect (button, "clicked", callback, data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

void
gd_incident_household_lookup (GtkListBox *list,
                              GdStore    *store,
                              const char *text,
                              const char *button_label,
                              GCallback   callback,
                              gpointer    data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  gd_list_box_clear (list);
  if (text != NULL && *text != '\0')
    hits = gd_store_search (store, text, 8, NULL);
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      GdSearchHit *hit = hits->pdata[i];
      g_autofree char *subtitle = NULL;

      /* several members of one household: one row for the household */
      if (!g_hash_table_add (seen, hit->doc_id))
        continue;
      subtitle = g_strdup_printf ("%s · %s", hit->household_number ? hit->household_number : "",
                                  hit->address ? hit->address : "");
      gtk_list_box_append (list, gd_incident_household_row (hit->name, subtitle, button_label,
                                                            hit->doc_id, callback, data));
    }
  gtk_widget_set_visible (GTK_WIDGET (list), hits != NULL && hits->len > 0);
}

void
gd_incident_show_error (GtkWidget  *widget,
                        const char *heading,
                        const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
