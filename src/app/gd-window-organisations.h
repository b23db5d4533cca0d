/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-window-organisations.h: the main window's organisation actions: win.open-organisation,
 * win.new-organisation and win.new-organisation-at (the map's "register an organisation
 * here"). Called from gd-window.c. */
#pragma once

#include "gd-window.h"

G_BEGIN_DECLS

void gd_window_organisations_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
