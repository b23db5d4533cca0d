/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-incident-format.h: how incidents look everywhere (board cards, list, detail): status
 * names, deadline and urgency badges, ages, category icons, the operator at the desk. */
#pragma once

#include <gio/gio.h>
#include <adwaita.h>

#include "gd-deadline.h"
#include "gd-incident-flow.h"
#include "gd-operator.h"
#include "gd-session.h"
#include "gd-store.h"

G_BEGIN_DECLS

const char *gd_incident_status_name      (const char *status);
/* A symbolic icon for the category's class (AQ → a warning sign …). */
const char *gd_incident_category_icon    (const char *category);
/* "公共安全隐患 › 消防隐患" */
char       *gd_incident_category_path    (const char *category);
/* Sets text, tooltip and style classes (overdue, due-soon, on-time, closed) of a badge
 * label for `deadline` at now; hides it when there is no deadline. */
void        gd_incident_deadline_badge   (GtkLabel   *label,
                                          const char *deadline,
                                          const char *status);
/* Shows 紧急/特急 as a badge; hides the label for normal urgency. */
void        gd_incident_urgency_badge    (GtkLabel   *label,
                                          const char *urgency);
/* "3 天前", "5 小时前", "刚刚" */
char       *gd_incident_format_age       (const char *reported_at);
/* The label of the button that moves an incident from `from` to `to` (分流, 上报 …). */
const char *gd_incident_transition_label (GdIncidentStatus from,
                                          GdIncidentStatus to);
/* A copy of the session's operator, or NULL before they said who they are. */
GdOperator *gd_incident_current_operator (GdSession *session);
/* The deadline rules of this workstation: shipped ones with the operator's edits (the
 * session's settings). */
GdDeadlineRules *gd_incident_deadline_rules (GdSession *session);
/* The same from `settings` (NULL: the shipped rules). */
GdDeadlineRules *gd_incident_deadline_rules_from_settings (GSettings *settings);

/* A message dialog over the window of `widget`, with a Close button. */
void        gd_incident_show_error       (GtkWidget  *widget,
                                          const char *heading,
                                          const char *message);
void        gd_list_box_clear            (GtkListBox *list);
/* A row "title / subtitle" with a button `button_label` whose "gd-id" data is `id`. */
GtkWidget  *gd_incident_household_row    (const char *title,
                                          const char *subtitle,
                                          const char *button_label,
                                          const char *id,
                                          GCallback   callback,
                                          gpointer    data);
/* Fills `list` with the households the register search finds for `text`, one row each
 * with a `button_label` button; hides the list when there are none. */
void        gd_incident_household_lookup (GtkListBox *list,
                                          GdStore    *store,
                                          const char *text,
                                          const char *button_label,
                                          GCallback   callback,
                                          gpointer    data);

G_END_DECLS
