/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-incident-form.h: the New Incident form (登记): title, searchable category tree,
 * grid, address and coordinates, source, urgency, reporter, the deadline the rules give
 * (or another one with a reason) and linked households found through the register search. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_INCIDENT_FORM (gd_incident_form_get_type ())
G_DECLARE_FINAL_TYPE (GdIncidentForm, gd_incident_form, GD, INCIDENT_FORM, AdwWindow)

/* The form keeps the session's store (a reference) and writes as its operator. `grid` (a
 * grid code) preselects the grid;
 * coordinates are filled when `has_location` (the map's "new incident here"). */
GdIncidentForm *gd_incident_form_new (GtkWindow  *parent,
                                      GdSession  *session,
                                      const char *grid,
                                      gboolean    has_location,
                                      double      latitude,
                                      double      longitude);

/* Registers the incident as a finding of this patrol (gd_patrol_add_finding). */
void            gd_incident_form_set_patrol (GdIncidentForm *self,
                                             const char     *patrol_id);

G_END_DECLS
