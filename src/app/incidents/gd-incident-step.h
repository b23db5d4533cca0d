/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-incident-step.h: asks for and applies one step of an incident's loop. */
#pragma once

#include <adwaita.h>

#include "gd-incident-flow.h"
#include "gd-session.h"

G_BEGIN_DECLS

/* Called with the anchor after the step was written. */
typedef void (*GdIncidentStepDone) (GtkWidget *anchor);

/* Shows the dialog of the move of `doc` (the incident as shown: for defaults) to `to`;
 * on its button the stored copy is moved and saved, then `done` is called; a refusal is
 * shown in a message and nothing is written. */
void gd_incident_step_present (GtkWidget          *anchor,
                               GdSession          *session,
                               JsonObject         *doc,
                               GdIncidentStatus    to,
                               GdIncidentStepDone  done);

G_END_DECLS
