/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-types"
#include "config.h"

#include "gd-types.h"

static const char *const doc_type_names[] = {
  [GD_DOC_UNKNOWN] = NULL,
  [GD_DOC_GRID] = "grid",
  [GD_DOC_HOUSEHOLD] = "household",
  [GD_DOC_INCIDENT] = "incident",
  [GD_DOC_DISPUTE] = "dispute",
  [GD_DOC_PATROL] = "patrol",
  [GD_DOC_COMPONENT] = "component",
  [GD_DOC_MEDIATOR] = "mediator",
  [GD_DOC_ORGANISATION] = "organisation",
};

const char *
gd_doc_type_to_string (GdDocType type)
{
  g_return_val_if_fail (type <= GD_DOC_TYPE_LAST, NULL);
  return doc_type_names[type];
}

char *
gd_doc_type_list (void)
{
  GString *names = g_string_new (NULL);

  for (GdDocType type = GD_DOC_GRID; type <= GD_DOC_TYPE_LAST; type++)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, doc_type_names[type]);
    }
  return g_string_free (names, FALSE);
}

GdDocType
gd_doc_type_from_string (const char *name)
{
  if (name == NULL)
    return GD_DOC_UNKNOWN;
  for (guint i = 1; i <= GD_DOC_TYPE_LAST; i++)
    if (g_str_equal (name, doc_type_names[i]))
      return (GdDocType) i;
  return GD_DOC_UNKNOWN;
}

static const char *const role_names[] = {
  [GD_ROLE_GRID_WORKER] = "grid_worker",
  [GD_ROLE_CENTRE_OPERATOR] = "centre_operator",
  [GD_ROLE_MEDIATOR] = "mediator",
  [GD_ROLE_ADMINISTRATOR] = "administrator",
};

const char *
gd_role_to_string (GdRole role)
{
  g_return_val_if_fail (role <= GD_ROLE_ADMINISTRATOR, NULL);
  return role_names[role];
}

gboolean
gd_role_from_string (const char *name,
                     GdRole     *out_role)
{
  g_return_val_if_fail (out_role != NULL, FALSE);
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_str_equal (name, role_names[i]))
      {
        *out_role = (GdRole) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gd_role_may_reveal (GdRole role)
{
  return role == GD_ROLE_GRID_WORKER || role == GD_ROLE_CENTRE_OPERATOR
         || role == GD_ROLE_ADMINISTRATOR;
}
