/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-household-item.h: one row of the household register as a GObject, for list models. */
#pragma once

#include <glib-object.h>

#include "gd-register.h"

G_BEGIN_DECLS

#define GD_TYPE_HOUSEHOLD_ITEM (gd_household_item_get_type ())
G_DECLARE_FINAL_TYPE (GdHouseholdItem, gd_household_item, GD, HOUSEHOLD_ITEM, GObject)

/* Takes ownership of `row`. */
GdHouseholdItem      *gd_household_item_new          (GdHouseholdRow *row);
const GdHouseholdRow *gd_household_item_get_row      (GdHouseholdItem *self);
const char           *gd_household_item_get_doc_id    (GdHouseholdItem *self);
const char           *gd_household_item_get_number    (GdHouseholdItem *self);
const char           *gd_household_item_get_head_name (GdHouseholdItem *self);
const char           *gd_household_item_get_address   (GdHouseholdItem *self);
int                   gd_household_item_get_members   (GdHouseholdItem *self);
/* The grid's name, or its code when the grid document is missing. */
const char           *gd_household_item_get_grid_name (GdHouseholdItem *self);
/* Care tags by display name, joined by "、"; sensitive categories (社区矫正 …) are shown
 * as one generic "special group" so a list on screen does not disclose them. "" for none. */
const char           *gd_household_item_get_tags_text (GdHouseholdItem *self);
/* updated_at as a date in the interface language ("2026年11月23日"); "" when unknown. */
const char           *gd_household_item_get_updated   (GdHouseholdItem *self);
/* Changed here and not yet on the county server (the pending-upload badge). */
gboolean              gd_household_item_get_pending   (GdHouseholdItem *self);

G_END_DECLS
