/* gd-conflict-row.h: one conflicting field in the conflicts window — its name, both values
 * (personal numbers masked), and the decisions that fit it: keep mine, take theirs, type the
 * right value; "noted" for parallel server versions, which county IT settles.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "gd-store-sync.h"

G_BEGIN_DECLS

#define GD_TYPE_CONFLICT_ROW (gd_conflict_row_get_type ())
G_DECLARE_FINAL_TYPE (GdConflictRow, gd_conflict_row, GD, CONFLICT_ROW, AdwActionRow)

/* `conflict` must outlive the row (the window keeps the list the rows were made from).
 * The row emits "decided" (GdSyncTake take, JsonNode *value or NULL) on a decision. */
GtkWidget      *gd_conflict_row_new          (GdSyncConflict *conflict);
GdSyncConflict *gd_conflict_row_get_conflict (GdConflictRow  *self);

G_END_DECLS
