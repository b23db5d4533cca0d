/* gd-inspection-form.h: a safety inspection (安全检查) of one organisation: the date, the
 * inspectors, the checklist of its premises category (each item passed, hazard or not
 * applicable), the rectification deadline, and the risk level the checklist gives.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_INSPECTION_FORM (gd_inspection_form_get_type ())
G_DECLARE_FINAL_TYPE (GdInspectionForm, gd_inspection_form, GD, INSPECTION_FORM, AdwWindow)

/* An inspection of the organisation `doc_id`, recorded through gd_organisation_inspect(): its
 * hazards become incidents in the same transaction. */
GdInspectionForm *gd_inspection_form_new (GtkWindow  *parent,
                                          GdSession  *session,
                                          const char *doc_id);

/* Signal "inspected" (const char *inspection_id): recorded; the form closes. */

G_END_DECLS
