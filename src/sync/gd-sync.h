/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-sync.h: one synchronisation of a store with one village database (SYNC.md).
 *
 * Pull (first sync through paged _all_docs, then _changes from opaque checkpoints), push
 * (_bulk_docs, every item read), attachments up and down separately, the _local marker that
 * tells a reset server database. Blocking: run it in a worker thread (GTask) and cancel with
 * the GCancellable at any point; what was committed stays, the rest is done next time. */
#pragma once

#include "gd-couch.h"
#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_SYNC_PHASE_CONNECT,
  GD_SYNC_PHASE_PULL,
  GD_SYNC_PHASE_PUSH,
  GD_SYNC_PHASE_ATTACHMENTS,
} GdSyncPhase;

/* Called from the syncing thread; `total` 0 when unknown. */
typedef void (*GdSyncProgressFunc) (GdSyncPhase phase,
                                    guint64     done,
                                    guint64     total,
                                    gpointer    user_data);

typedef struct {
  guint pulled;      /* server documents written here */
  guint merged;      /* local edits merged with the server's */
  guint conflicts;   /* true conflicts recorded in this run */
  guint pushed;      /* documents the server took */
  guint rejected;    /* documents the server refused (with reason, kept) */
  guint skipped;     /* server documents this store could not hold */
  guint quarantined; /* server documents (or attachments) refused as a local write would be,
                      * kept aside (gd-store-quarantine.h) */
  guint attachments_up;
  guint attachments_down;
  gboolean server_reset; /* the server database was reset: everything was sent again */
} GdSyncReport;

typedef struct {
  gsize page_size;    /* documents per _all_docs page / _changes batch / _bulk_docs (0: the
                       * defaults, 2,500 per _all_docs page and 1,000 otherwise) */
  GdSyncProgressFunc progress;
  gpointer           progress_data;
} GdSyncOptions;

/* Syncs `store` with `database` on the server `couch` talks to (already logged in). */
gboolean gd_sync_run (GdStore             *store,
                      GdCouch             *couch,
                      const char          *database,
                      const GdSyncOptions *options,
                      GdSyncReport        *report,
                      GCancellable        *cancellable,
                      GError             **error);

/* The databases a workstation syncs: `named` (NULL-terminated, may be NULL) when given; else
 * its village's; else, for a town workstation, every village it holds. */
GPtrArray *gd_sync_databases (GdStore           *store,
                              const char *const *named,
                              GError           **error);

G_END_DECLS
