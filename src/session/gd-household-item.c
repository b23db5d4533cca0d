/* gd-household-item.c: one row of the household register as a GObject.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-household-item"

#include "config.h"

#include "gd-display.h"
#include "gd-household-item.h"

struct _GdHouseholdItem
{
  GObject         parent_instance;

  GdHouseholdRow *row;
  /* formatted on first use: a list shows only a few dozen rows at a time */
  char           *tags_text;
  char           *updated;
};

G_DEFINE_FINAL_TYPE (GdHouseholdItem, gd_household_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOC_ID,
  PROP_NUMBER,
  PROP_HEAD_NAME,
  PROP_ADDRESS,
  PROP_MEMBERS,
  PROP_GRID_NAME,
  PROP_TAGS_TEXT,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static inline const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

GdHouseholdItem *
gd_household_item_new (GdHouseholdRow *row)
{
  GdHouseholdItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (GD_TYPE_HOUSEHOLD_ITEM, NULL);
  self->row = row;
  return self;
}

const GdHouseholdRow *
gd_household_item_get_row (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), NULL);

  return self->row;
}

const char *
gd_household_item_get_doc_id (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), NULL);

  return self->row->doc_id;
}

const char *
gd_household_item_get_number (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), NULL);

  return or_empty (self->row->number);
}

const char *
gd_household_item_get_head_name (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), NULL);

  return or_empty (self->row->head_name);
}

const char *
gd_household_item_get_address (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), NULL);

  return or_empty (self->row->address);
}

int
gd_household_item_get_members (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), 0);

  return self->row->members;
}

const char *
gd_household_item_get_grid_name (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), NULL);

  return self->row->grid_name != NULL ? self->row->grid_name : or_empty (self->row->grid);
}

const char *
gd_household_item_get_tags_text (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), NULL);

  if (self->tags_text == NULL)
    self->tags_text = gd_household_format_tags ((const char * const *) self->row->tags);
  return self->tags_text;
}

gboolean
gd_household_item_get_pending (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), FALSE);
  return self->row->pending;
}

const char *
gd_household_item_get_updated (GdHouseholdItem *self)
{
  g_return_val_if_fail (GD_IS_HOUSEHOLD_ITEM (self), NULL);

  if (self->updated == NULL)
    {
      self->updated = gd_format_date (self->row->updated_at);
      if (self->updated == NULL)
        self->updated = g_strdup ("");
    }
  return self->updated;
}

static void
gd_household_item_finalize (GObject *object)
{
  GdHouseholdItem *self = GD_HOUSEHOLD_ITEM (object);

  g_clear_pointer (&self->row, gd_household_row_free);
  g_free (self->tags_text);
  g_free (self->updated);

  G_OBJECT_CLASS (gd_household_item_parent_class)->finalize (object);
}

static void
gd_household_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GdHouseholdItem *self = GD_HOUSEHOLD_ITEM (object);

  switch (prop_id)
    {
    case PROP_DOC_ID:
      g_value_set_string (value, gd_household_item_get_doc_id (self));
      break;
    case PROP_NUMBER:
      g_value_set_string (value, gd_household_item_get_number (self));
      break;
    case PROP_HEAD_NAME:
      g_value_set_string (value, gd_household_item_get_head_name (self));
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, gd_household_item_get_address (self));
      break;
    case PROP_MEMBERS:
      g_value_set_int (value, gd_household_item_get_members (self));
      break;
    case PROP_GRID_NAME:
      g_value_set_string (value, gd_household_item_get_grid_name (self));
      break;
    case PROP_TAGS_TEXT:
      g_value_set_string (value, gd_household_item_get_tags_text (self));
      break;
    case PROP_UPDATED:
      g_value_set_string (value, gd_household_item_get_updated (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_household_item_class_init (GdHouseholdItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gd_household_item_finalize;
  object_class->get_property = gd_household_item_get_property;

#define STRING_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  STRING_PROP (PROP_DOC_ID, "doc-id");
  STRING_PROP (PROP_NUMBER, "number");
  STRING_PROP (PROP_HEAD_NAME, "head-name");
  STRING_PROP (PROP_ADDRESS, "address");
  STRING_PROP (PROP_GRID_NAME, "grid-name");
  STRING_PROP (PROP_TAGS_TEXT, "tags-text");
  STRING_PROP (PROP_UPDATED, "updated");
#undef STRING_PROP
  properties[PROP_MEMBERS] = g_param_spec_int ("members", NULL, NULL, 0, G_MAXINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gd_household_item_init (GdHouseholdItem *self)
{
}
