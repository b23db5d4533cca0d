/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-help-window.h: the user guide (HTML pages in the app's resources) in a window of its own. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GD_TYPE_HELP_WINDOW (gd_help_window_get_type ())
G_DECLARE_FINAL_TYPE (GdHelpWindow, gd_help_window, GD, HELP_WINDOW, AdwWindow)

/* Shows the guide over `parent` at the page of `view` ("incidents"…, or NULL for the
 * overview); the window already open is brought up rather than a second one. */
GdHelpWindow *gd_help_window_show (GtkWindow  *parent,
                                   const char *view);

/* The page of `resource` (an XHTML page) as Pango markup blocks: (kind, markup) pairs where
 * kind is "title", "h1", "h2", "p" or "li". FALSE with `error` when it is not such a page. */
gboolean      gd_help_page_parse  (const char  *text,
                                   gssize       length,
                                   GPtrArray  **out_blocks,
                                   char       **out_title,
                                   GError     **error);

G_END_DECLS
