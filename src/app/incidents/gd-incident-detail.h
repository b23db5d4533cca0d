/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-incident-detail.h: the detail pane of the Incidents view: every field, the timeline,
 * photos (thumbnails, viewer, add by file chooser or drop), location, linked households and
 * disputes, and the next steps this operator may take. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_INCIDENT_DETAIL (gd_incident_detail_get_type ())
G_DECLARE_FINAL_TYPE (GdIncidentDetail, gd_incident_detail, GD, INCIDENT_DETAIL, AdwBin)

/* The operator and the settings come from the session; the store is the session's, set by
 * the view as it opens and closes. */
void        gd_incident_detail_set_session (GdIncidentDetail *self,
                                            GdSession        *session);
void        gd_incident_detail_set_store  (GdIncidentDetail *self,
                                           GdStore          *store);
/* Shows the incident (NULL: the empty page); FALSE when it cannot be read. */
gboolean    gd_incident_detail_show       (GdIncidentDetail *self,
                                           const char       *doc_id);
const char *gd_incident_detail_get_doc_id (GdIncidentDetail *self);
/* Reads the shown incident again (after the operator changed, say). */
void        gd_incident_detail_refresh    (GdIncidentDetail *self);

G_END_DECLS
