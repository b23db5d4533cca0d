/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-organisation-window.h: one organisation's page: its fields, its safety inspections with
 * their checklists, its open hazards (each opens its incident) and its linked households. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_ORGANISATION_WINDOW (gd_organisation_window_get_type ())
G_DECLARE_FINAL_TYPE (GdOrganisationWindow, gd_organisation_window, GD, ORGANISATION_WINDOW, AdwWindow)

/* The organisation `doc_id`, read from the session's store; it re-reads on document-changed. */
GdOrganisationWindow *gd_organisation_window_new (GtkWindow  *parent,
                                                  GdSession  *session,
                                                  const char *doc_id);

/* Signals "open-incident" and "open-household" (const char *doc_id): the operator asked to
 * see that document. */

G_END_DECLS
