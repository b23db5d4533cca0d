/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-audit.h: the audit log as an administrator reads it (the viewer, griddesk-ctl audit).
 * Entries are written by the store (gd_store_put/delete, gd_store_audit) and by sign-in and
 * account changes (gd-accounts.h); each is chained to the one before by SHA-256, which
 * gd_store_check() verifies. */
#pragma once

#include "gd-store.h"

G_BEGIN_DECLS

/* The actions written, for filters */
#define GD_AUDIT_CREATE          "create"
#define GD_AUDIT_UPDATE          "update"
#define GD_AUDIT_DELETE          "delete"
#define GD_AUDIT_READ            "read"
#define GD_AUDIT_REVEAL          "reveal"
#define GD_AUDIT_EXPORT          "export"
#define GD_AUDIT_PRINT           "print"
#define GD_AUDIT_SIGN_IN         "sign-in"
#define GD_AUDIT_SIGN_IN_FAILED  "sign-in-failed"
/* account-add, account-edit, account-disable, account-enable, account-remove,
 * account-password: GD_AUDIT_ACCOUNT matches them all */
#define GD_AUDIT_ACCOUNT         "account-"

typedef struct {
  const char *actor;  /* exactly; NULL: anyone */
  const char *action; /* exactly, or a prefix ending in '-' ("account-"); NULL: any */
  const char *doc_id; /* the record ("household:…", "account:NAME"); NULL: any */
  const char *from;   /* YYYY-MM-DD, China time, inclusive; NULL: from the start */
  const char *to;     /* YYYY-MM-DD, inclusive; NULL: to now */
  guint       limit;  /* 0: all */
  guint       offset;
} GdAuditFilter;

/* Entries matching `filter`, newest first (GdAuditEntry). Only an administrator (or the
 * local owner of the file, or nobody signed in) reads the log: GD_ERROR_FORBIDDEN
 * otherwise; GD_ERROR_INVALID for a date that is not one. */
GPtrArray  *gd_store_find_audit (GdStore *store, const GdAuditFilter *filter, GError **error);

/* The entries as CSV text: a byte order mark, a header line (id, at, actor, action, record,
 * detail, hash_before, hash_after), then one line each, RFC 4180 quoting. */
char       *gd_audit_entries_to_csv (GPtrArray *entries);
/* The entries matching `filter` written to `path` as CSV, 0600, whole or not at all; the
 * export is itself an audit entry (by `actor`, or the signed-in operator). */
gboolean    gd_store_export_audit (GdStore *store, const GdAuditFilter *filter,
                                   const char *actor, const char *path, guint *n_written,
                                   GError **error);

G_END_DECLS
