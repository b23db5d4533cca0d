/* gd-operator-dialog.h: first start: who works at this workstation, and in which role.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-operator.h"

G_BEGIN_DECLS

#define GD_TYPE_OPERATOR_DIALOG (gd_operator_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GdOperatorDialog, gd_operator_dialog, GD, OPERATOR_DIALOG, AdwMessageDialog)

/* A modal dialog over `parent`. Its responses are "continue" (only with a name) and "quit". */
GdOperatorDialog *gd_operator_dialog_new          (GtkWindow        *parent,
                                                   const GdOperator *initial);
/* The operator as entered (name stripped), or NULL when the name is empty. */
GdOperator       *gd_operator_dialog_get_operator (GdOperatorDialog *self);

G_END_DECLS
