/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-operator.h: who is at the workstation: the name written into updated_by and the audit
 * log, and the role that decides what they may do (reveal personal numbers, move incidents). */
#pragma once

#include <gio/gio.h>

#include "gd-types.h"

G_BEGIN_DECLS

typedef struct {
  char  *name;
  GdRole role;
} GdOperator;

#define GD_TYPE_OPERATOR (gd_operator_get_type ())
GType       gd_operator_get_type      (void) G_GNUC_CONST;

/* From the operator-name / operator-role settings; NULL when no name is set yet (first start). */
GdOperator *gd_operator_from_settings (GSettings *settings);
void        gd_operator_save          (const GdOperator *op, GSettings *settings);
GdOperator *gd_operator_copy          (const GdOperator *op);
void        gd_operator_free          (GdOperator *op);
/* The role's name for people, translated: 网格员, 坐席员, 调解员, 管理员 */
const char *gd_role_display_name      (GdRole role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdOperator, gd_operator_free)

G_END_DECLS
