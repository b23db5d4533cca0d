/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-household-fields.h: all the store reads of a household document to index it (its
 * documents columns, households and persons rows, map point and search keys), as plain
 * strings. A local write fills it from the json-glib object; a first sync fills it straight
 * from the server's text (gd-household-reader.c), without building a json-glib tree for each
 * of tens of thousands of households. Both then index through the same code. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  gboolean    is_object;  /* FALSE: members[i] was not an object; it keeps its position */
  const char *id;         /* each field: the member's string value, NULL when absent or not a string */
  const char *name;
  const char *id_number;
  const char *sex;
  const char *birth_date;
  const char *phone;
  const char *relation;
  const char *residence;
  const char *tags;       /* ",a,b,": the string elements of "tags" (an array) joined for
                           * LIKE '%,a,%'; NULL for no array or an empty one */
} GdMemberFields;

typedef struct {
  const char   *id;       /* "_id" */
  const char   *rev;      /* "_rev" */
  const char   *village;
  const char   *grid;
  const char   *number;
  const char   *address;
  const char   *housing;
  const char   *status;
  const char   *updated_at;
  gboolean      has_location; /* "location" holds numbers "lat" and "lon" */
  double        lat;
  double        lon;
  GArray       *members;  /* GdMemberFields, in order; NULL: no "members" array */
  GStringChunk *strings;  /* owns the strings not borrowed from a json-glib object */
} GdHouseholdFields;

/* Empty, to be filled with strings from gd_household_fields_keep(). */
GdHouseholdFields *gd_household_fields_new         (void);
/* The fields of a household object; its strings are borrowed: `household` must outlive them. */
GdHouseholdFields *gd_household_fields_from_object (JsonObject *household);
/* A copy of `length` bytes of `text` that lives as long as `fields`. */
const char        *gd_household_fields_keep        (GdHouseholdFields *fields,
                                                    const char        *text,
                                                    gsize              length);
/* ",a,b," from the string elements of `tags`; NULL for NULL or an empty array. */
const char        *gd_household_fields_join_tags   (GdHouseholdFields *fields,
                                                    JsonArray         *tags);
void               gd_household_fields_free        (GdHouseholdFields *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdHouseholdFields, gd_household_fields_free)

G_END_DECLS
