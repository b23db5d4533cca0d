/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-window-scope.h: the chip in the content header that names the grid the views are
 * limited to, in every view and also while the grid tree is folded away; it opens the tree. */
#pragma once

#include "gd-window.h"

G_BEGIN_DECLS

void gd_window_scope_class_init (GtkWidgetClass *widget_class);
/* `name`: the chosen node's name for people ("All" row included). */
void gd_window_scope_update     (GdWindow       *self,
                                 const char     *name);

G_END_DECLS
