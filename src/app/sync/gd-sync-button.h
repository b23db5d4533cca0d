/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-sync-button.h: the header bar's sync state (last sync, progress, waiting uploads,
 * conflicts) with Sync Now, Cancel and the conflict centre in its popover. */
#pragma once

#include <adwaita.h>

#include "gd-sync-controller.h"

G_BEGIN_DECLS

#define GD_TYPE_SYNC_BUTTON (gd_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (GdSyncButton, gd_sync_button, GD, SYNC_BUTTON, GtkWidget)

/* NULL hides the button (no store yet). */
void gd_sync_button_set_controller (GdSyncButton *self, GdSyncController *controller);

G_END_DECLS
