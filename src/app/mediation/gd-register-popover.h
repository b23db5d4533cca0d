/* gd-register-popover.h: search the household register for a person to fill a party in
 * from; "chosen" gives the household's id and the member's.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gd-store.h"

G_BEGIN_DECLS

#define GD_TYPE_REGISTER_POPOVER (gd_register_popover_get_type ())
G_DECLARE_FINAL_TYPE (GdRegisterPopover, gd_register_popover, GD, REGISTER_POPOVER, GtkPopover)

/* `store` is borrowed: it outlives the popover (the case editor's). */
GtkWidget *gd_register_popover_new (GdStore *store);

G_END_DECLS
