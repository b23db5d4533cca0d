/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-mediation-view.h: the Mediation view (人民调解): case list with filters and badges, the
 * due list and the year's measures. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_MEDIATION_VIEW (gd_mediation_view_get_type ())
G_DECLARE_FINAL_TYPE (GdMediationView, gd_mediation_view, GD, MEDIATION_VIEW, AdwBin)

GtkWidget *gd_mediation_view_new       (void);
/* Borrowed: it must outlive the view or be unset with NULL first. */
void       gd_mediation_view_set_store (GdMediationView *self, GdStore *store);
/* Once: follows the session's store and reloads on its document-changed. */
void       gd_mediation_view_set_session (GdMediationView *self, GdSession *session);
/* Limit to a town, village or grid code (the sidebar's choice); NULL: everything. */
void       gd_mediation_view_set_grid  (GdMediationView *self, const char *code);
/* Re-read the roster for the mediator filter (after the roster changed). */
void       gd_mediation_view_reload_mediators (GdMediationView *self);
/* Re-read after a save elsewhere. */
void       gd_mediation_view_reload    (GdMediationView *self);

/* Signals: "dispute-activated" (const char *doc_id), "new-dispute" (), "manage-mediators" (). */

G_END_DECLS
