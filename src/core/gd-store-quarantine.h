/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-store-quarantine.h: server documents the sync refused to store (sync quarantine).
 *
 * A document from the county server is checked like a local write before it is stored; one
 * that fails (invalid fields, an _id that is not "<type>:<id>" of its own type, a server-only
 * _design/ or _local/ document, a non-string _id, a NUL in its text, another village's) is
 * kept here instead, by the server's _id, with its revision, the reason, its text, and the
 * version of the code tables that refused it. The sync tries an entry again once the code
 * tables change (an upgrade); a later valid revision of the same _id takes its place. */
#pragma once

#include "gd-store.h"

G_BEGIN_DECLS

typedef struct {
  char *doc_id;         /* the server's _id: a string as it is, anything else as JSON text */
  char *rev;            /* the server's _rev, or NULL */
  char *reason;
  char *body;           /* the document's text as it came, or NULL */
  char *codes_version;
  char *quarantined_at;
} GdSyncQuarantined;

void         gd_sync_quarantined_free          (GdSyncQuarantined *entry);

/* Text from a server (a refusal's reason, a redirect's target) safe to print: control
 * characters, bidirectional overrides and backslashes written as escapes (\x1B, \u202E),
 * invalid UTF-8 replaced, cut after `max_chars` characters with "…" (0: no cut). */
#define GD_SYNC_REASON_CHARS 500
char       *gd_sync_escape_text   (const char *text, gsize max_chars);

/* The code tables compiled in, as one short text that changes when any table's version does. */
const char  *gd_store_sync_codes_version       (void);

/* The longest text an entry keeps (longer: kept without it, so never tried again). */
#define GD_SYNC_QUARANTINE_MAX_BODY (256 * 1024)

/* Keeps (or replaces) the entry of `doc_id`, stamped with the current code tables. */
gboolean     gd_store_sync_quarantine          (GdStore    *store,
                                                const char *doc_id,
                                                const char *rev,
                                                const char *reason,
                                                const char *body,
                                                GError    **error);
/* Forgets the entry of `doc_id` (a valid revision was stored); no entry is no error. */
gboolean     gd_store_sync_release             (GdStore    *store,
                                                const char *doc_id,
                                                GError    **error);
/* TRUE when there is any entry. */
gboolean     gd_store_sync_has_quarantine      (GdStore *store);
/* Every entry, oldest first. */
GPtrArray   *gd_store_sync_quarantined         (GdStore *store, GError **error);
/* The entries with a text that code tables other than these refused: worth another try. */
GPtrArray   *gd_store_sync_quarantine_stale    (GdStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdSyncQuarantined, gd_sync_quarantined_free)

G_END_DECLS
