/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-sync-controller.h: the app's synchronisation with the county platform: on a schedule
 * (GSettings sync-interval-minutes) and on demand, off the main thread, cancellable, paused
 * while the network is down; what the header bar shows. */
#pragma once

#include <gio/gio.h>

#include "gd-store.h"

G_BEGIN_DECLS

#define GD_TYPE_SYNC_CONTROLLER (gd_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (GdSyncController, gd_sync_controller, GD, SYNC_CONTROLLER, GObject)

/* `store` is the session's (main-thread) store, kept until dispose: counts are read from it; the sync itself opens
 * its own connection to the same file in its worker thread. */
GdSyncController *gd_sync_controller_new        (GSettings *settings, GdStore *store);

void        gd_sync_controller_sync_now        (GdSyncController *self);
void        gd_sync_controller_cancel          (GdSyncController *self);
/* Counts changed (an edit, a resolved conflict): re-read them. */
void        gd_sync_controller_refresh         (GdSyncController *self);

gboolean    gd_sync_controller_get_busy        (GdSyncController *self);
gboolean    gd_sync_controller_get_configured  (GdSyncController *self);
gboolean    gd_sync_controller_get_online      (GdSyncController *self);
/* One line for the header bar: "已同步 14:05", "正在同步… 1200 条", "离线" … */
const char *gd_sync_controller_get_status      (GdSyncController *self);
/* The last failure, or NULL */
const char *gd_sync_controller_get_error       (GdSyncController *self);
double      gd_sync_controller_get_fraction    (GdSyncController *self);
gint64      gd_sync_controller_get_pending     (GdSyncController *self);
guint       gd_sync_controller_get_n_conflicts (GdSyncController *self);
guint       gd_sync_controller_get_n_rejected  (GdSyncController *self);
GdStore    *gd_sync_controller_get_store       (GdSyncController *self);
/* Who decides conflicts here (for the audit log): the operator's name (the session sets
 * it), else the login name. */
char       *gd_sync_controller_dup_actor       (GdSyncController *self);
void        gd_sync_controller_set_actor       (GdSyncController *self,
                                                const char       *actor);

G_END_DECLS
