/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-couch-rows.h: the rows of a CouchDB _all_docs?include_docs=true page, read in one pass
 * (yajl) into json-glib documents plus each document's text exactly as the server sent it, so
 * the first sync neither re-parses with JsonParser nor writes the documents back to text.
 * Or only the texts, each document read later on its own (gd_couch_doc_parse()) if at all. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  JsonObject *doc;  /* the row's "doc" (owned); NULL from gd_couch_rows_split() */
  char       *body; /* the doc's own JSON text, byte for byte as the server sent it, '{' to '}' (owned) */
  char       *key;  /* the row's "key" as JSON text as sent ("\"household:x\"" with the quotes,
                     * arrays as arrays), for the next page's startkey; NULL if the row had none */
} GdCouchRow;

/* Parses a reply {"total_rows":..,"offset":..,"rows":[{"id":..,"key":..,"value":..,"doc":{..}},..]}
 * (or a _changes?include_docs=true reply, whose "results" are read as its rows)
 * (CouchDB's one row per line or a compact one-line reply alike). Only "rows" is read; in a
 * row only "doc", "key" (and "error", for the message). Returns the rows in order as a
 * GPtrArray of GdCouchRow* that frees them, or NULL with GD_ERROR_NETWORK and a message that
 * says what is wrong and where (byte offset, row number): malformed or cut-off JSON, invalid
 * UTF-8, trailing garbage, no "rows" array, a row without a "doc" object (include_docs missing,
 * or a {"key":..,"error":"not_found"} row). */
GPtrArray  *gd_couch_rows_parse    (const char *data,
                                    gsize       length,
                                    GError    **error);

/* The same rows with the same bodies, keys and errors, but each `doc` NULL: documents are
 * passed over and only their text kept, for a caller that reads some documents straight
 * from the text (gd-household-reader.h) and the rest with gd_couch_doc_parse(). */
GPtrArray  *gd_couch_rows_split    (const char *data,
                                    gsize       length,
                                    GError    **error);

/* One document's JSON object text (a GdCouchRow.body) read by the same tree builder as
 * gd_couch_rows_parse(), so numbers and repeated members come out alike. NULL with
 * GD_ERROR_NETWORK when the text is not valid JSON or not an object. */
JsonObject *gd_couch_doc_parse     (const char *text,
                                    gsize       length,
                                    GError    **error);

/* The same reply only counted: how many rows, and the last row's key as JSON text (NULL for
 * none); documents are passed over, about ten times faster than parsing them. Enough to ask
 * for the next page while this one is parsed. */
gboolean    gd_couch_rows_scan     (const char *data,
                                    gsize       length,
                                    guint      *n_rows,
                                    char      **last_key,
                                    GError    **error);
void        gd_couch_row_free      (GdCouchRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdCouchRow, gd_couch_row_free)

G_END_DECLS
