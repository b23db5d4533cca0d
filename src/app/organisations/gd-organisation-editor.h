/* gd-organisation-editor.h: a new organisation or an edited one (单位登记), every field checked
 * live by the core as it is typed, its message under the field.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_ORGANISATION_EDITOR (gd_organisation_editor_get_type ())
G_DECLARE_FINAL_TYPE (GdOrganisationEditor, gd_organisation_editor, GD, ORGANISATION_EDITOR, AdwWindow)

/* Edits the organisation `doc_id`, or a new one when it is NULL: then `grid` (a grid code or
 * NULL) is preselected and, with `has_location`, the coordinates are filled (the map's
 * "register an organisation here"). Writes through the session's store as its operator. */
GdOrganisationEditor *gd_organisation_editor_new (GtkWindow  *parent,
                                                  GdSession  *session,
                                                  const char *doc_id,
                                                  const char *grid,
                                                  gboolean    has_location,
                                                  double      latitude,
                                                  double      longitude);

/* Signal "saved" (const char *doc_id): the organisation was written; the editor closes. */

G_END_DECLS
