/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-organisations-view.h: the register of organisations and premises (单位场所) as a paged,
 * searchable, filterable list. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_ORGANISATIONS_VIEW (gd_organisations_view_get_type ())
G_DECLARE_FINAL_TYPE (GdOrganisationsView, gd_organisations_view, GD, ORGANISATIONS_VIEW, AdwBin)

GtkWidget *gd_organisations_view_new          (void);
/* The store to read (borrowed: it must outlive the view or be unset with NULL first). */
void       gd_organisations_view_set_store    (GdOrganisationsView *self, GdStore *store);
/* Once: follows the session's store and reloads on its document-changed. */
void       gd_organisations_view_set_session  (GdOrganisationsView *self, GdSession *session);
/* Limit to a town, village or grid code (the sidebar's choice); NULL: everything. */
void       gd_organisations_view_set_grid     (GdOrganisationsView *self, const char *code);
void       gd_organisations_view_reload       (GdOrganisationsView *self);

/* Signal "organisation-activated" (const char *doc_id): a row was activated (Enter, double
 * click, the open button); the window opens the organisation. */

G_END_DECLS
