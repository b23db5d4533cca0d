/* gd-search-popover.h: the header bar's global search: finds residents and households by name,
 * pinyin initials, ID or phone tail, address; personal numbers masked.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-search.h"
#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_SEARCH_POPOVER (gd_search_popover_get_type ())
G_DECLARE_FINAL_TYPE (GdSearchPopover, gd_search_popover, GD, SEARCH_POPOVER, GtkPopover)

GtkWidget *gd_search_popover_new       (void);
/* The store to search (borrowed: unset with NULL before freeing it). */
/* Once: searches the session's store. */
void       gd_search_popover_set_session (GdSearchPopover *self,
                                          GdSession       *session);
void       gd_search_popover_set_store (GdSearchPopover *self,
                                        GdStore         *store);
/* Empties the entry and the results. */
void       gd_search_popover_clear     (GdSearchPopover *self);

/* Signal "hit-activated" (int kind, const char *doc_id, const char *member_id): the operator
 * chose a hit (a GdHitKind; member_id is NULL for a household hit); the popover closes. */

G_END_DECLS
