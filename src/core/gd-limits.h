/* gd-limits.h: how big anything in a document may be, one table for every path that takes a
 * document in (put, import, pull, and the county's validate_doc_update in data/county/).
 *
 * A search key is made of every suffix of a name and the store keeps every document whole,
 * so a single oversized field costs memory and disk at every sync: these limits are checked
 * before anything else looks at a document, and a document over any of them is refused with
 * the field's path and the limit ("members[0].name: at most 64 characters (got 21,000)").
 * Lengths of text are counted in characters (UTF-8 code points), never in bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gd-issues.h"

G_BEGIN_DECLS

/* The whole document as JSON text, in bytes (its attachments, limited below, not counted when
 * it is walked in memory) */
#define GD_LIMIT_DOCUMENT_BYTES     (1024 * 1024)
/* Arrays and objects inside one another; the document itself is level 1 */
#define GD_LIMIT_DEPTH              32

/* Strings, in characters: names of people, parties, organisations, mediators, staff,
 * landlords, reporters and operators */
#define GD_LIMIT_NAME_CHARS         64
/* addresses and places */
#define GD_LIMIT_ADDRESS_CHARS      200
/* titles, units, codes, ids and every other short string (and member names of objects) */
#define GD_LIMIT_SHORT_CHARS        200
/* notes, description, facts, claims and other free text */
#define GD_LIMIT_TEXT_CHARS         10000

/* Arrays, in elements */
#define GD_LIMIT_MEMBERS            100
#define GD_LIMIT_TIMELINE           1000
#define GD_LIMIT_SESSIONS           200
#define GD_LIMIT_FOLLOW_UPS         100
#define GD_LIMIT_ARRAY              1000

/* Geometries (boundary, route): positions per ring (or line) and in the whole geometry */
#define GD_LIMIT_RING_VERTICES      10000
#define GD_LIMIT_GEOMETRY_VERTICES  50000

/* Attachments: bytes each (gd-store-attachments.h) and stubs per document */
#define GD_LIMIT_ATTACHMENT_BYTES   (20 * 1024 * 1024)
#define GD_LIMIT_ATTACHMENTS        50

/* Search keys one document may add to the index (gd-search-keys.c) */
#define GD_LIMIT_SEARCH_KEYS        2000

/* Findings reported under one field before "and N more" */
#define GD_LIMIT_ISSUES_PER_FIELD   20

/* The path of findings about the document as a whole (its size) */
#define GD_LIMITS_ROOT_PATH         "$"

typedef enum {
  GD_TEXT_SHORT,
  GD_TEXT_NAME,
  GD_TEXT_ADDRESS,
  GD_TEXT_FREE,
} GdTextKind;

/* The kind of a string member ("name", "landlord" → NAME; "notes", "facts" → FREE …); strings
 * inside an array take the kind of the array's member name. */
GdTextKind gd_limits_text_kind      (const char *member);
/* The most characters a string of that member may have. */
guint      gd_limits_text_max       (const char *member);
/* The most elements the array `member` may have. */
guint      gd_limits_array_max      (const char *member);

/* Walks the whole document and adds one error per field over a limit (the depth once, at the
 * first place it is passed, and nothing below it). `text_length` is the length of the JSON
 * text the document was read from, or 0 when it was built in memory (its size is then counted
 * from its contents). TRUE when the document is within every limit. */
gboolean   gd_limits_check_document (JsonObject *doc,
                                     gsize       text_length,
                                     GdIssues   *issues);

/* FALSE with GD_ERROR_INVALID ("$: the document is too large: at most 1,048,576 bytes (got
 * 3,000,000)") when a document's JSON text is over GD_LIMIT_DOCUMENT_BYTES: checked before the
 * text is parsed at all. */
gboolean   gd_limits_check_text_size (gsize    length,
                                      GError **error);

/* "21,000": counts in messages, grouped by thousands. */
char      *gd_limits_format_count   (guint64 count);

G_END_DECLS
