/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-fit-window.h: a dialog's default size within the screen it opens on (a 1024 × 700 or
 * 1366 × 768 screen takes every form with its buttons in view). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets `window`'s default size to `width` × `height`, each at most what the monitor of
 * `parent` (or the first monitor) leaves free, less a margin for panels. */
void gd_fit_window_to_screen (GtkWindow *window,
                              GtkWindow *parent,
                              int        width,
                              int        height);

G_END_DECLS
