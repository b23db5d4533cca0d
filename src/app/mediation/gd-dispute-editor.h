/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-dispute-editor.h: one mediation case, as a sequence of stages from intake to closing,
 * with its documents (preview, print, save as PDF). */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_DISPUTE_EDITOR (gd_dispute_editor_get_type ())
G_DECLARE_FINAL_TYPE (GdDisputeEditor, gd_dispute_editor, GD, DISPUTE_EDITOR, AdwWindow)

/* `doc_id` NULL: a new case filed under `grid` (a grid code; NULL: the first grid of the
 * store). It keeps the session's store and writes as its operator (both
 * required). */
GdDisputeEditor *gd_dispute_editor_new (GtkWindow        *parent,
                                        GdSession        *session,
                                        const char       *doc_id,
                                        const char       *grid);

/* Signal "saved" (const char *doc_id): after each successful save or status move. */

G_END_DECLS
