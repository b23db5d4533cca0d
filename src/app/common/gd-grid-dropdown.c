/* gd-grid-dropdown.c: see gd-grid-dropdown.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-grid-dropdown"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-format.h"
#include "gd-grid-dropdown.h"
#include "gd-register.h"

struct _GdGridDropdown
{
  AdwBin       parent_instance;

  GtkDropDown *dropdown;
  GPtrArray   *codes;  /* row -> grid code ("" for "Choose a grid") */
  GHashTable  *names;  /* code -> name shown */
};

G_DEFINE_FINAL_TYPE (GdGridDropdown, gd_grid_dropdown, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_selected_notify (GtkDropDown    *dropdown,
                    GParamSpec     *pspec,
                    GdGridDropdown *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

static void
add_row (GdGridDropdown *self,
         GtkStringList  *names,
         const char     *code,
         const char     *name)
{
  gtk_string_list_append (names, name);
  g_ptr_array_add (self->codes, g_strdup (code));
  if (*code != '\0')
    g_hash_table_insert (self->names, g_strdup (code), g_strdup (name));
}

/* The villages' names by code, when there are several (a town's database). */
static GHashTable *
villages_of (GPtrArray *nodes)
{
  GHashTable *villages = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      GdGridNode *node = nodes->pdata[i];

      if (g_strcmp0 (node->level, "village") == 0)
        g_hash_table_insert (villages, node->code, node->name);
    }
  if (g_hash_table_size (villages) < 2)
    g_hash_table_remove_all (villages);
  return villages;
}

GdGridDropdown *
gd_grid_dropdown_new (GdStore             *store,
                      const char          *current,
                      GdGridDropdownFlags  flags)
{
  GdGridDropdown *self = g_object_new (GD_TYPE_GRID_DROPDOWN, NULL);
  g_autoptr(GPtrArray) nodes = store != NULL ? gd_store_grid_tree (store, NULL) : NULL;
  g_autoptr(GHashTable) villages = villages_of (nodes);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gboolean keep_unknown = (flags & GD_GRID_DROPDOWN_KEEP_UNKNOWN) != 0;
  guint selected = 0;

  if (current == NULL || !keep_unknown)
    /* Translators: the grid drop-down before a grid is chosen */
    add_row (self, names, "", _("Choose a grid"));
  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      GdGridNode *node = nodes->pdata[i];
      const char *village = node->parent != NULL ? g_hash_table_lookup (villages, node->parent) : NULL;
      const char *name = node->name != NULL ? node->name : node->code;
      g_autofree char *label = NULL;

      if (g_strcmp0 (node->level, "grid") != 0)
        continue;
      /* in a town's database the same grid names recur in every village */
      label = village != NULL ? g_strdup_printf ("%s · %s", village, name) : g_strdup (name);
      if (g_strcmp0 (node->code, current) == 0)
        selected = self->codes->len;
      add_row (self, names, node->code, label);
    }
  if (keep_unknown && current != NULL && !g_hash_table_contains (self->names, current))
    {
      /* a grid this database does not (yet) know: show its code rather than lose it */
      selected = self->codes->len;
      add_row (self, names, current, current);
    }

  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gd_dropdown_follow_popup_selection (self->dropdown);
  gtk_drop_down_set_enable_search (self->dropdown, FALSE);
  gtk_drop_down_set_selected (self->dropdown, selected);
  gtk_widget_set_valign (GTK_WIDGET (self->dropdown), GTK_ALIGN_CENTER);
  g_signal_connect_object (self->dropdown, "notify::selected",
                           G_CALLBACK (on_selected_notify), self, 0);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->dropdown));
  return self;
}

const char *
gd_grid_dropdown_get_code (GdGridDropdown *self)
{
  guint selected;
  const char *code;

  g_return_val_if_fail (GD_IS_GRID_DROPDOWN (self), NULL);

  selected = gtk_drop_down_get_selected (self->dropdown);
  if (selected >= self->codes->len)
    return NULL;
  code = self->codes->pdata[selected];
  return *code != '\0' ? code : NULL;
}

const char *
gd_grid_dropdown_get_name (GdGridDropdown *self,
                           const char     *code)
{
  g_return_val_if_fail (GD_IS_GRID_DROPDOWN (self), NULL);
  return code != NULL ? g_hash_table_lookup (self->names, code) : NULL;
}

GtkDropDown *
gd_grid_dropdown_get_drop_down (GdGridDropdown *self)
{
  g_return_val_if_fail (GD_IS_GRID_DROPDOWN (self), NULL);
  return self->dropdown;
}

static void
gd_grid_dropdown_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GdGridDropdown *self = GD_GRID_DROPDOWN (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->dropdown != NULL ? gd_grid_dropdown_get_code (self) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_grid_dropdown_finalize (GObject *object)
{
  GdGridDropdown *self = GD_GRID_DROPDOWN (object);

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  G_OBJECT_CLASS (gd_grid_dropdown_parent_class)->finalize (object);
}

static void
gd_grid_dropdown_class_init (GdGridDropdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gd_grid_dropdown_get_property;
  object_class->finalize = gd_grid_dropdown_finalize;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gd_grid_dropdown_init (GdGridDropdown *self)
{
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
