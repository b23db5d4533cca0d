/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-patrol-panel.h: the patrol log (三查) in the Incidents view: start a patrol, record the
 * households visited and the findings (new incidents linked to it), end it; and the coverage
 * of grids without a patrol today, this week or this month. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_PATROL_PANEL (gd_patrol_panel_get_type ())
G_DECLARE_FINAL_TYPE (GdPatrolPanel, gd_patrol_panel, GD, PATROL_PANEL, AdwBin)

/* `store` is borrowed. */
/* The operator comes from the session; the store is the session's, set by the view. */
void gd_patrol_panel_set_session (GdPatrolPanel *self,
                                  GdSession     *session);
void gd_patrol_panel_set_store (GdPatrolPanel *self,
                                GdStore       *store);
void gd_patrol_panel_set_grid  (GdPatrolPanel *self,
                                const char    *grid);
void gd_patrol_panel_reload    (GdPatrolPanel *self);

G_END_DECLS
