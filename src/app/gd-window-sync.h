/* gd-window-sync.h: what the main window does for sync, kept out of gd-window.c: a sync
 * controller per open store, shown by the header bar's GdSyncButton. */
#pragma once

#include "gd-store.h"
#include "gd-sync-button.h"

G_BEGIN_DECLS

typedef void (*GdWindowSyncChanged) (gpointer window);

/* A new controller for `store` (NULL: none) on `window`; `changed` runs after each sync so the
 * views reload. Starts a first sync in the background when an account is set up. */
void gd_window_sync_attach  (GtkWidget          *window,
                             GdSyncButton       *button,
                             GSettings          *settings,
                             GdStore            *store,
                             GdWindowSyncChanged changed);
/* A local edit: the pending count follows. */
void gd_window_sync_refresh (GtkWidget *window);

G_END_DECLS
