/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-window-mediation.h: the main window's mediation part: the Mediation view's editors and
 * the win.open-dispute action. */
#pragma once

#include "gd-mediation-view.h"
#include "gd-window.h"

G_BEGIN_DECLS

/* From gd_window_class_init(): installs win.open-dispute (s: _id) and win.new-dispute. */
void gd_window_mediation_class_init (GtkWidgetClass *widget_class);
/* Connects the view's signals to the window. */
void gd_window_mediation_attach     (GdWindow *window, GdMediationView *view);

G_END_DECLS
