/* gd-store-attachments.h: CouchDB-style attachments (incident photos, scanned agreements).
 *
 * The bytes live in the store's `attachments` table, never in the JSON. The document carries
 * a stub `_attachments.<name> = {content_type, digest: "md5-<base64>", length, stub: true}`
 * written through gd_store_put() (validated, audited, dirty for sync) in the same
 * transaction as the bytes, so the stub and the bytes always agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-limits.h"
#include "gd-store.h"

G_BEGIN_DECLS

/* Largest attachment accepted (a phone photo is 2–6 MB): the limits table's. */
#define GD_ATTACHMENT_MAX_LENGTH GD_LIMIT_ATTACHMENT_BYTES

/* Adds or replaces attachment `name` of document `doc_id`. Incidents take only image/jpeg
 * and image/png, and the bytes must be such an image. On refusal (GD_ERROR_INVALID,
 * GD_ERROR_NOT_FOUND) nothing changes. */
gboolean   gd_store_put_attachment    (GdStore    *store,
                                       const char *doc_id,
                                       const char *name,
                                       const char *content_type,
                                       GBytes     *data,
                                       const char *actor,
                                       GError    **error);
/* The bytes of the attachment; GD_ERROR_NOT_FOUND when absent. */
GBytes    *gd_store_get_attachment    (GdStore    *store,
                                       const char *doc_id,
                                       const char *name,
                                       char      **out_content_type,
                                       GError    **error);
/* Removes the bytes and the stub (one transaction); GD_ERROR_NOT_FOUND when absent. */
gboolean   gd_store_delete_attachment (GdStore    *store,
                                       const char *doc_id,
                                       const char *name,
                                       const char *actor,
                                       GError    **error);
/* Names of the document's attachments, sorted (char *). */
GPtrArray *gd_store_list_attachments  (GdStore    *store,
                                       const char *doc_id,
                                       GError    **error);

/* "md5-<base64 of the MD5 of data>", as CouchDB writes digests. */
char      *gd_attachment_digest       (GBytes *data);

G_END_DECLS
