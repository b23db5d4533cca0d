/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-session.h: what every view, editor and dialog of a window works with (gnome-calendar's
 * GcalContext, gnome-text-editor's EditorSession): the open store, the signed-in operator,
 * the settings and the sync controller. It tells of every committed write, local or from
 * another connection to the same file (the sync worker, griddesk-ctl), by document-changed,
 * so that views refresh themselves. GTK-free. */
#pragma once

#include <gio/gio.h>

#include "gd-operator.h"
#include "gd-store.h"
#include "gd-sync-controller.h"

G_BEGIN_DECLS

/* How often other connections' commits are looked for (PRAGMA data_version). */
#define GD_SESSION_POLL_MS 1000
/* More changes than this from another connection at once (a first sync) are told as one
 * document-changed (NULL, GD_DOC_UNKNOWN): "anything may have changed". */
#define GD_SESSION_MAX_CHANGES 500

#define GD_TYPE_SESSION (gd_session_get_type ())
G_DECLARE_FINAL_TYPE (GdSession, gd_session, GD, SESSION, GObject)

/* `settings` (NULL in tests) hold the operator and the sync configuration. */
GdSession        *gd_session_new                 (GSettings *settings);
GSettings        *gd_session_get_settings        (GdSession *self);

/* NULL while the store opens. Setting one takes a reference, follows its writes and (with
 * settings) makes the sync controller for it; NULL lets go of the old one. */
GdStore          *gd_session_get_store           (GdSession *self);
void              gd_session_set_store           (GdSession *self, GdStore *store);

/* NULL until the operator has said who they are. The pointer stays valid as long as the
 * session (a replaced operator is kept), so editors may hold it. */
const GdOperator *gd_session_get_operator        (GdSession *self);
/* Copies `op` and saves it to the settings; NULL changes nothing (a name is never unset). */
void              gd_session_set_operator        (GdSession *self, const GdOperator *op);
/* The operator's name for updated_by and the audit log, or NULL. */
const char       *gd_session_get_actor           (GdSession *self);

/* NULL without settings or store. */
GdSyncController *gd_session_get_sync_controller (GdSession *self);

/* Looks now for commits of other connections (the poll does it every GD_SESSION_POLL_MS)
 * and emits document-changed for what they wrote. */
void              gd_session_check_changes       (GdSession *self);

/* Calls `reload (object)` once, from an idle, after one or more document-changed of a type
 * in `types` (a mask of 1 << GdDocType; 0: every type) — a view's way to refresh itself.
 * Stops when `object` goes away. One per object. */
typedef void (*GdSessionReloadFunc) (gpointer object);
#define GD_DOC_MASK(type) (1u << (type))
void              gd_session_watch               (GdSession          *self,
                                                  guint               types,
                                                  gpointer            object,
                                                  GdSessionReloadFunc reload);

/* Calls `set_store (object, store)` now and whenever the session's store changes (opened,
 * closed for a reload); the old store is still open during the call. Stops when `object`
 * goes away. One per object. */
typedef void (*GdSessionStoreFunc) (gpointer object, GdStore *store);
void              gd_session_follow_store        (GdSession          *self,
                                                  gpointer            object,
                                                  GdSessionStoreFunc  set_store);

G_END_DECLS
