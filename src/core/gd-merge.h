/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-merge.h: three-way merge of one document (SYNC.md, pull step 4).
 *
 * base is what the server last sent, mine the local edit, theirs the server's new version.
 * Fields merge one by one; arrays whose items are objects with an "id" merge item by item.
 * A field both sides changed to different values is a true conflict: the result keeps
 * mine there (pending) and the conflict is reported for a person to decide. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char     *path;   /* "address", "members[id=m2].phone", "members[id=m3]" (a whole item) */
  JsonNode *mine;   /* NULL: absent (removed) on this side */
  JsonNode *theirs;
} GdMergeConflict;

void        gd_merge_conflict_free (GdMergeConflict *conflict);

/* The merged document (a new object). `base` may be NULL (both sides created the same id).
 * `conflicts` receives GdMergeConflict items (free func gd_merge_conflict_free).
 * Sync envelope members (_id, _rev, _deleted, _conflicts) are taken from theirs;
 * updated_at/updated_by follow the later updated_at and never conflict. */
JsonObject *gd_merge_documents     (JsonObject *base,
                                    JsonObject *mine,
                                    JsonObject *theirs,
                                    GPtrArray  *conflicts);

/* The value at `path` in `doc` (a borrowed node), or NULL when absent. */
JsonNode   *gd_merge_path_get      (JsonObject *doc, const char *path);
/* Sets the value at `path` (a copy of `value`; NULL removes it). An item path
 * "members[id=X]" appends the item when absent. FALSE if the path cannot be reached. */
gboolean    gd_merge_path_set      (JsonObject *doc, const char *path, JsonNode *value);

/* TRUE when the two documents are equal apart from _rev and _conflicts. */
gboolean    gd_merge_same_content  (JsonObject *a, JsonObject *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdMergeConflict, gd_merge_conflict_free)

G_END_DECLS
