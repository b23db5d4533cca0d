/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-window-private.h: what the window's own parts in other files (gd-window-mediation.c …)
 * need of it. */
#pragma once

#include "gd-operator.h"
#include "gd-window.h"

G_BEGIN_DECLS

/* FALSE (and the operator asked for) when there is no store or no operator yet. */
gboolean          gd_window_ready_for_child (GdWindow *self);
/* A child window of `type` showing `doc_id`, or NULL. */
GtkWindow        *gd_window_find_child      (GdWindow *self, GType type, const char *doc_id);
/* Children borrow the store: the window destroys them before a reload. */
void              gd_window_track_child     (GdWindow *self, GtkWindow *child);
/* The grid the sidebar has selected, or NULL. */
const char       *gd_window_get_selected_grid (GdWindow *self);
void              gd_window_toast           (GdWindow *self, const char *title);
/* The organisation's page (one window per organisation). */
void              gd_window_open_organisation (GdWindow *self, const char *doc_id);

G_END_DECLS
