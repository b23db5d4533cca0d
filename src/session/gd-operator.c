/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-operator"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-operator.h"

G_DEFINE_BOXED_TYPE (GdOperator, gd_operator, gd_operator_copy, gd_operator_free)

GdOperator *
gd_operator_from_settings (GSettings *settings)
{
  g_autofree char *name = NULL;
  g_autofree char *role_name = NULL;
  GdOperator *op;
  GdRole role;

  if (settings == NULL)
    return NULL;
  name = g_settings_get_string (settings, "operator-name");
  role_name = g_settings_get_string (settings, "operator-role");
  if (name == NULL || *g_strstrip (name) == '\0' || !gd_role_from_string (role_name, &role))
    return NULL;
  op = g_new0 (GdOperator, 1);
  op->name = g_steal_pointer (&name);
  op->role = role;
  return op;
}

void
gd_operator_save (const GdOperator *op,
                  GSettings        *settings)
{
  g_return_if_fail (op != NULL);
  if (settings == NULL)
    return;
  g_settings_set_string (settings, "operator-name", op->name);
  g_settings_set_string (settings, "operator-role", gd_role_to_string (op->role));
}

GdOperator *
gd_operator_copy (const GdOperator *op)
{
  GdOperator *copy;

  if (op == NULL)
    return NULL;
  copy = g_new0 (GdOperator, 1);
  copy->name = g_strdup (op->name);
  copy->role = op->role;
  return copy;
}

void
gd_operator_free (GdOperator *op)
{
  if (op == NULL)
    return;
  g_free (op->name);
  g_free (op);
}

const char *
gd_role_display_name (GdRole role)
{
  switch (role)
    {
    case GD_ROLE_GRID_WORKER:
      return _("Grid worker");
    case GD_ROLE_CENTRE_OPERATOR:
      return _("Centre operator");
    case GD_ROLE_MEDIATOR:
      return _("Mediator");
    case GD_ROLE_ADMINISTRATOR:
    default:
      return _("Administrator");
    }
}
