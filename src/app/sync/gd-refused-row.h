/* gd-refused-row.h: a record the sync refused — one the county server would not take (with
 * "Send Again") or a server record this workstation would not store (read-only, with its
 * icon). Title and subtitle are shown as plain text, never markup: they may come from the
 * server.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GD_TYPE_REFUSED_ROW (gd_refused_row_get_type ())
G_DECLARE_FINAL_TYPE (GdRefusedRow, gd_refused_row, GD, REFUSED_ROW, AdwActionRow)

/* Refused by the server: "Send Again" emits "retry". */
GtkWidget  *gd_refused_row_new_rejected    (const char *doc_id,
                                            const char *title,
                                            const char *subtitle);
/* Not taken in here: no button; `spoken` is what a screen reader says for the row. */
GtkWidget  *gd_refused_row_new_quarantined (const char *title,
                                            const char *subtitle,
                                            const char *spoken);
const char *gd_refused_row_get_doc_id      (GdRefusedRow *self);

G_END_DECLS
