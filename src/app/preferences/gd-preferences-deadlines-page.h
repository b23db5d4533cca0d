/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-preferences-deadlines-page.h: the Deadlines page of the preferences: the time limits
 * of incidents by category and urgency, and the holiday calendar (GSettings deadline-rules
 * and holiday-calendar, as the JSON of gd-deadline). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GD_TYPE_PREFERENCES_DEADLINES_PAGE (gd_preferences_deadlines_page_get_type ())
G_DECLARE_FINAL_TYPE (GdPreferencesDeadlinesPage, gd_preferences_deadlines_page, GD,
                      PREFERENCES_DEADLINES_PAGE, AdwPreferencesPage)

GtkWidget *gd_preferences_deadlines_page_new (GSettings *settings);

G_END_DECLS
