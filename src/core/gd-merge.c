/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-merge"
#include "config.h"

#include <string.h>

#include "gd-json.h"
#include "gd-merge.h"

void
gd_merge_conflict_free (GdMergeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->path);
  g_clear_pointer (&conflict->mine, json_node_unref);
  g_clear_pointer (&conflict->theirs, json_node_unref);
  g_free (conflict);
}

static gboolean
node_equal (JsonNode *a,
            JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node ? json_node_copy (node) : NULL;
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object && json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;
}

static void
add_conflict (GPtrArray  *conflicts,
              const char *path,
              JsonNode   *mine,
              JsonNode   *theirs)
{
  GdMergeConflict *conflict = g_new0 (GdMergeConflict, 1);

  conflict->path = g_strdup (path);
  conflict->mine = copy_or_null (mine);
  conflict->theirs = copy_or_null (theirs);
  g_ptr_array_add (conflicts, conflict);
}

static const char *
item_id (JsonNode *item)
{
  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    return NULL;
  return gd_json_get_string (json_node_get_object (item), "id");
}

/* Arrays merge by id only when every item on every side is an object with a string id
 * (and the ids are unique): otherwise the array is one value. */
static gboolean
keyed_array (JsonNode *node)
{
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *id = item_id (json_array_get_element (array, i));
      if (id == NULL || !g_hash_table_add (seen, (gpointer) id))
        return FALSE;
    }
  return TRUE;
}

static JsonNode *
find_item (JsonNode   *array_node,
           const char *id)
{
  JsonArray *array;

  if (array_node == NULL)
    return NULL;
  array = json_node_get_array (array_node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      if (g_strcmp0 (item_id (item), id) == 0)
        return item;
    }
  return NULL;
}

static JsonNode *merge_value (const char *path, JsonNode *base, JsonNode *mine, JsonNode *theirs,
                              GPtrArray *conflicts);

static JsonObject *
merge_objects (const char *prefix,
               JsonObject *base,
               JsonObject *mine,
               JsonObject *theirs,
               GPtrArray  *conflicts)
{
  JsonObject *result = json_object_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sides[] = { theirs, mine, base };

  /* theirs' member order first, then what only mine or base has */
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autoptr(GList) list = sides[s] ? json_object_get_members (sides[s]) : NULL;
      for (GList *l = list; l != NULL; l = l->next)
        if (g_hash_table_add (seen, l->data))
          g_ptr_array_add (names, l->data);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *path = *prefix ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);
      JsonNode *merged = merge_value (path, member (base, name), member (mine, name),
                                      member (theirs, name), conflicts);
      if (merged != NULL)
        json_object_set_member (result, name, merged);
    }
  return result;
}

static JsonNode *
merge_keyed_arrays (const char *path,
                    JsonNode   *base,
                    JsonNode   *mine,
                    JsonNode   *theirs,
                    GPtrArray  *conflicts)
{
  JsonArray *result = json_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *sides[] = { theirs, mine, base };
  JsonNode *node;

  /* theirs' order, then items only mine added */
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      JsonArray *array = sides[s] ? json_node_get_array (sides[s]) : NULL;
      for (guint i = 0; array && i < json_array_get_length (array); i++)
        {
          const char *id = item_id (json_array_get_element (array, i));
          if (g_hash_table_add (seen, (gpointer) id))
            g_ptr_array_add (ids, (gpointer) id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      g_autofree char *item_path = g_strdup_printf ("%s[id=%s]", path, id);
      JsonNode *merged = merge_value (item_path, find_item (base, id), find_item (mine, id),
                                      find_item (theirs, id), conflicts);
      if (merged != NULL)
        json_array_add_element (result, merged);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, result);
  return node;
}

/* The merged value of one member (a new node), NULL for "absent". */
static JsonNode *
merge_value (const char *path,
             JsonNode   *base,
             JsonNode   *mine,
             JsonNode   *theirs,
             GPtrArray  *conflicts)
{
  if (node_equal (mine, theirs))
    return copy_or_null (mine);
  if (node_equal (base, mine))
    return copy_or_null (theirs);
  if (node_equal (base, theirs))
    return copy_or_null (mine);

  /* both changed, differently: look inside when both are still objects or keyed arrays */
  if (mine != NULL && theirs != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (mine) && JSON_NODE_HOLDS_OBJECT (theirs)
          && (base == NULL || JSON_NODE_HOLDS_OBJECT (base)))
        {
          JsonNode *node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, merge_objects (path,
                                                      base ? json_node_get_object (base) : NULL,
                                                      json_node_get_object (mine),
                                                      json_node_get_object (theirs),
                                                      conflicts));
          return node;
        }
      if (JSON_NODE_HOLDS_ARRAY (mine) && JSON_NODE_HOLDS_ARRAY (theirs)
          && keyed_array (base) && keyed_array (mine) && keyed_array (theirs))
        return merge_keyed_arrays (path, base, mine, theirs, conflicts);
    }

  /* a true conflict: mine stays until a person decides */
  add_conflict (conflicts, path, mine, theirs);
  return copy_or_null (mine);
}

static gboolean
envelope_member (const char *name)
{
  return g_str_equal (name, "_id") || g_str_equal (name, "_rev")
         || g_str_equal (name, "_deleted") || g_str_equal (name, "_conflicts")
         || g_str_equal (name, "updated_at") || g_str_equal (name, "updated_by");
}

static JsonObject *
without_envelope (JsonObject *doc)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) names = doc ? json_object_get_members (doc) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    if (!envelope_member (l->data))
      json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (doc, l->data)));
  return copy;
}

JsonObject *
gd_merge_documents (JsonObject *base,
                    JsonObject *mine,
                    JsonObject *theirs,
                    GPtrArray  *conflicts)
{
  g_autoptr(JsonObject) b = without_envelope (base);
  g_autoptr(JsonObject) m = without_envelope (mine);
  g_autoptr(JsonObject) t = without_envelope (theirs);
  JsonObject *merged;
  JsonObject *later;
  const char *envelope[] = { "_id", "_rev", "_deleted", "_conflicts" };

  g_return_val_if_fail (mine != NULL && theirs != NULL && conflicts != NULL, NULL);

  merged = merge_objects ("", base ? b : NULL, m, t, conflicts);
  for (guint i = 0; i < G_N_ELEMENTS (envelope); i++)
    if (json_object_has_member (theirs, envelope[i]))
      json_object_set_member (merged, envelope[i],
                              json_node_copy (json_object_get_member (theirs, envelope[i])));

  /* the later edit's time and author; RFC 3339 UTC strings compare as text */
  later = g_strcmp0 (gd_json_get_string (mine, "updated_at"),
                     gd_json_get_string (theirs, "updated_at")) > 0 ? mine : theirs;
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "updated_at" : "updated_by";
      if (json_object_has_member (later, name))
        json_object_set_member (merged, name, json_node_copy (json_object_get_member (later, name)));
    }
  return merged;
}

gboolean
gd_merge_same_content (JsonObject *a,
                       JsonObject *b)
{
  g_autoptr(JsonObject) x = NULL;
  g_autoptr(JsonObject) y = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  x = gd_json_copy_object (a);
  y = gd_json_copy_object (b);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *o = i == 0 ? x : y;
      if (json_object_has_member (o, "_rev"))
        json_object_remove_member (o, "_rev");
      if (json_object_has_member (o, "_conflicts"))
        json_object_remove_member (o, "_conflicts");
    }
  return json_object_equal (x, y);
}

/* ---- paths: "a.b", "members[id=m2].phone", "members[id=m3]" ---- */

typedef struct {
  char *name;
  char *id; /* NULL unless the segment selects an array item by id */
} Segment;

static void
segment_clear (gpointer data)
{
  Segment *segment = data;

  g_free (segment->name);
  g_free (segment->id);
}

/* NULL when malformed. Ids never contain '.' or ']' in GridDesk documents. */
static GArray *
parse_path (const char *path)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  g_array_set_clear_func (segments, segment_clear);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      Segment segment = { 0 };
      char *bracket = strstr (parts[i], "[id=");

      if (bracket != NULL)
        {
          if (!g_str_has_suffix (bracket, "]") || bracket == parts[i])
            return NULL;
          segment.id = g_strndup (bracket + 4, strlen (bracket + 4) - 1);
          segment.name = g_strndup (parts[i], bracket - parts[i]);
        }
      else
        segment.name = g_strdup (parts[i]);
      if (*segment.name == '\0' || (segment.id != NULL && *segment.id == '\0'))
        {
          g_free (segment.name);
          g_free (segment.id);
          return NULL;
        }
      g_array_append_val (segments, segment);
    }
  return g_steal_pointer (&segments);
}

static int
item_index (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (item_id (json_array_get_element (array, i)), id) == 0)
      return (int) i;
  return -1;
}

JsonNode *
gd_merge_path_get (JsonObject *doc,
                   const char *path)
{
  g_autoptr(GArray) segments = parse_path (path);
  JsonNode *node = NULL;
  JsonObject *object = doc;

  if (segments == NULL)
    return NULL;
  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);

      if (object == NULL || (node = member (object, segment->name)) == NULL)
        return NULL;
      if (segment->id != NULL)
        {
          int index;
          if (!JSON_NODE_HOLDS_ARRAY (node)
              || (index = item_index (json_node_get_array (node), segment->id)) < 0)
            return NULL;
          node = json_array_get_element (json_node_get_array (node), index);
        }
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

gboolean
gd_merge_path_set (JsonObject *doc,
                   const char *path,
                   JsonNode   *value)
{
  g_autoptr(GArray) segments = parse_path (path);
  JsonObject *object = doc;

  if (segments == NULL)
    return FALSE;
  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);
      gboolean last = i + 1 == segments->len;
      JsonNode *node = member (object, segment->name);

      if (segment->id == NULL)
        {
          if (last)
            {
              if (value != NULL)
                json_object_set_member (object, segment->name, json_node_copy (value));
              else if (node != NULL)
                json_object_remove_member (object, segment->name);
              return TRUE;
            }
          if (node == NULL)
            {
              json_object_set_object_member (object, segment->name, json_object_new ());
              node = member (object, segment->name);
            }
        }
      else
        {
          JsonArray *array;
          int index;

          if (node == NULL)
            {
              json_object_set_array_member (object, segment->name, json_array_new ());
              node = member (object, segment->name);
            }
          if (!JSON_NODE_HOLDS_ARRAY (node))
            return FALSE;
          array = json_node_get_array (node);
          index = item_index (array, segment->id);
          if (last)
            {
              if (index >= 0)
                json_array_remove_element (array, index);
              if (value != NULL)
                {
                  /* json-glib has no insert: rebuild to keep the item where it was */
                  g_autoptr(JsonArray) rebuilt = json_array_new ();
                  guint n = json_array_get_length (array);
                  guint at = index >= 0 ? (guint) index : n;
                  for (guint k = 0; k <= n; k++)
                    {
                      if (k == at)
                        json_array_add_element (rebuilt, json_node_copy (value));
                      if (k < n)
                        json_array_add_element (rebuilt, json_node_copy (json_array_get_element (array, k)));
                    }
                  json_object_set_array_member (object, segment->name, json_array_ref (rebuilt));
                }
              return TRUE;
            }
          if (index < 0)
            return FALSE;
          node = json_array_get_element (array, index);
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      object = json_node_get_object (node);
    }
  return FALSE;
}
