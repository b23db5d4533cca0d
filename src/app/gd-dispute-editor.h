/* gd-dispute-editor.h: one mediation case, as a sequence of stages from intake to closing,
 * with its documents (preview, print, save as PDF). */
#pragma once

#include <adwaita.h>

#include "gd-operator.h"
#include "gd-store.h"

G_BEGIN_DECLS

#define GD_TYPE_DISPUTE_EDITOR (gd_dispute_editor_get_type ())
G_DECLARE_FINAL_TYPE (GdDisputeEditor, gd_dispute_editor, GD, DISPUTE_EDITOR, AdwWindow)

/* `doc_id` NULL: a new case filed under `grid` (a grid code; NULL: the first grid of the
 * store). The store is borrowed and must outlive the editor. */
GdDisputeEditor *gd_dispute_editor_new (GtkWindow        *parent,
                                        GdStore          *store,
                                        const GdOperator *op,
                                        const char       *doc_id,
                                        const char       *grid);

/* Signal "saved" (const char *doc_id): after each successful save or status move. */

G_END_DECLS
