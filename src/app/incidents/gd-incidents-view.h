/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-incidents-view.h: the Incidents view — a board with a column per status, a sortable
 * list, filters, and the detail pane of the chosen incident. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_INCIDENTS_VIEW (gd_incidents_view_get_type ())
G_DECLARE_FINAL_TYPE (GdIncidentsView, gd_incidents_view, GD, INCIDENTS_VIEW, AdwBin)

/* Once: the view follows the session's store and refreshes itself on its document-changed. */
void        gd_incidents_view_set_session  (GdIncidentsView *self,
                                            GdSession       *session);
/* Limits the view to a town, village or grid code prefix (NULL: everything). */
void        gd_incidents_view_set_grid     (GdIncidentsView *self,
                                            const char      *grid);
/* Counts and reads again (after a change made elsewhere). */
void        gd_incidents_view_reload       (GdIncidentsView *self);
/* Shows this incident in the detail pane (whatever the filters). */
gboolean    gd_incidents_view_open         (GdIncidentsView *self,
                                            const char      *doc_id);
/* Turns the overdue filter on (the start-up notification's button). */
void        gd_incidents_view_show_overdue (GdIncidentsView *self);

G_END_DECLS
