/* gd-case-row.h: a mediation case in the Mediation view's list, from gd-case-row.ui.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gd-mediation.h"

G_BEGIN_DECLS

#define GD_TYPE_CASE_ROW (gd_case_row_get_type ())
G_DECLARE_FINAL_TYPE (GdCaseRow, gd_case_row, GD, CASE_ROW, GtkBox)

GtkWidget *gd_case_row_new (void);
/* Shows `data` (NULL: empty): number, summary, parties · category · received · mediator, and
 * the soonest deadline and the status as badges. */
void       gd_case_row_set (GdCaseRow          *self,
                            const GdDisputeRow *data);

G_END_DECLS
