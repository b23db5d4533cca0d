/* gd-sidebar.h: the navigator of the hierarchy town → village → grid, with household and
 * person counts; the chosen node limits the views to that part of the scope.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_SIDEBAR (gd_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (GdSidebar, gd_sidebar, GD, SIDEBAR, AdwBin)

GtkWidget  *gd_sidebar_new                 (void);
/* Reads the tree of `store` (borrowed: unset with NULL before freeing it). */
void        gd_sidebar_set_store           (GdSidebar *self,
                                            GdStore   *store);
/* Once: follows the session's store and re-reads the counts on its document-changed. */
void        gd_sidebar_set_session         (GdSidebar *self,
                                            GdSession *session);
/* Re-reads the counts (after a save or delete), keeping the selection and expanded rows. */
void        gd_sidebar_refresh             (GdSidebar *self);

/* The chosen node's code (property "selected-code"); NULL for the "All" row. */
const char *gd_sidebar_get_selected_code   (GdSidebar *self);
/* Its name for people (the "All" row's translated name) and level (NULL for "All"). */
const char *gd_sidebar_get_selected_name   (GdSidebar *self);
const char *gd_sidebar_get_selected_level  (GdSidebar *self);
/* Chooses the node `code` (NULL: "All"), expanding its ancestors; FALSE when not in the tree. */
gboolean    gd_sidebar_select_code         (GdSidebar  *self,
                                            const char *code);

/* Signal "activated": the operator chose a row (click, Enter); the window shows the content
 * when the leaflet is folded. */

G_END_DECLS
