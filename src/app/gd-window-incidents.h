/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-window-incidents.h: the main window's part of the Incidents view: its window actions
 * (win.open-incident, win.new-incident, win.new-incident-at, win.show-overdue-incidents)
 * and the start-up notice of overdue incidents. Called from gd-window.c. */
#pragma once

#include "gd-window.h"

G_BEGIN_DECLS

void gd_window_incidents_class_init (GtkWidgetClass *widget_class);
/* The view follows the session (its store, its document-changed). */
void gd_window_incidents_set_session (GdWindow  *self,
                                      GdSession *session);
/* The store is open: the notice of overdue incidents. */
void gd_window_incidents_notify_overdue (GdWindow *self);
void gd_window_incidents_set_grid   (GdWindow   *self,
                                     const char *grid);

G_END_DECLS
