/* gd-dispute-stage.h: one stage of a mediation case — its numbered button in the editor's
 * stepper, with a tick when done, and the page it shows.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GD_TYPE_DISPUTE_STAGE (gd_dispute_stage_get_type ())
G_DECLARE_FINAL_TYPE (GdDisputeStage, gd_dispute_stage, GD, DISPUTE_STAGE, GtkToggleButton)

/* Stage `number` (1-based) titled `title`, its page headed by the title and `description`
 * (both translated). */
GdDisputeStage *gd_dispute_stage_new          (guint       number,
                                               const char *title,
                                               const char *description);
/* The scrolled page, to add to the editor's stack. */
GtkWidget      *gd_dispute_stage_get_page     (GdDisputeStage *self);
/* The page's column, under the heading and description, where the stage's rows go. */
GtkBox         *gd_dispute_stage_get_box      (GdDisputeStage *self);
void            gd_dispute_stage_set_done     (GdDisputeStage *self,
                                               gboolean        done);

G_END_DECLS
