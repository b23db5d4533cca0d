/* gd-grid-dropdown.h: a drop-down of the store's grids (level grid), by name — one widget for
 * every form that files something under a grid (household editor, incident form, patrols).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_GRID_DROPDOWN_DEFAULT = 0,
  /* a `current` code the store does not know stays, shown as its code (an edited document
   * keeps its grid), and "Choose a grid" is offered only when there is no current grid */
  GD_GRID_DROPDOWN_KEEP_UNKNOWN = 1 << 0,
} GdGridDropdownFlags;

#define GD_TYPE_GRID_DROPDOWN (gd_grid_dropdown_get_type ())
G_DECLARE_FINAL_TYPE (GdGridDropdown, gd_grid_dropdown, GD, GRID_DROPDOWN, AdwBin)

/* "Choose a grid" first (see the flags), then the grids of `store`, prefixed by their village
 * in a database of several villages; `current` (a code or NULL) is selected. The "code"
 * property follows the choice. */
GdGridDropdown *gd_grid_dropdown_new           (GdStore             *store,
                                                const char          *current,
                                                GdGridDropdownFlags  flags);
/* The chosen grid's code, or NULL for "Choose a grid". */
const char     *gd_grid_dropdown_get_code      (GdGridDropdown *self);
/* The name shown for `code`, or NULL when it is not in the list. */
const char     *gd_grid_dropdown_get_name      (GdGridDropdown *self,
                                                const char     *code);
/* The drop-down itself: a row's activatable widget, the accessible name. */
GtkDropDown    *gd_grid_dropdown_get_drop_down (GdGridDropdown *self);

G_END_DECLS
