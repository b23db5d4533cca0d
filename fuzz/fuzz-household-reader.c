/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer, differential: a household read straight from its text must equal, field by
 * field, what the json-glib path makes of the same text (gd-household-reader.h's promise),
 * or be NULL (not a plain household). */
#define G_LOG_DOMAIN "gd-fuzz"
#include "config.h"

#include <math.h>

#include "gd-couch-rows.h"
#include "gd-household-fields.h"
#include "gd-household-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
assert_same (const char *what, const char *want, const char *got)
{
  if (g_strcmp0 (want, got) != 0)
    g_error ("%s: the tree says \"%s\", the reader \"%s\"", what, want, got);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GdHouseholdFields) got = gd_household_read ((const char *) data, size);
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GdHouseholdFields) want = NULL;

  if (got == NULL)
    return 0;
  doc = gd_couch_doc_parse ((const char *) data, size, NULL);
  g_assert_nonnull (doc);
  want = gd_household_fields_from_object (doc);
  assert_same ("_id", want->id, got->id);
  assert_same ("_rev", want->rev, got->rev);
  assert_same ("village", want->village, got->village);
  assert_same ("grid", want->grid, got->grid);
  assert_same ("number", want->number, got->number);
  assert_same ("address", want->address, got->address);
  assert_same ("housing", want->housing, got->housing);
  assert_same ("status", want->status, got->status);
  assert_same ("updated_at", want->updated_at, got->updated_at);
  g_assert_cmpint (got->has_location, ==, want->has_location);
  if (want->has_location)
    {
      g_assert_true (got->lat == want->lat || (isnan (got->lat) && isnan (want->lat)));
      g_assert_true (got->lon == want->lon || (isnan (got->lon) && isnan (want->lon)));
    }
  g_assert_true ((got->members == NULL) == (want->members == NULL));
  for (guint i = 0; want->members != NULL && i < want->members->len; i++)
    {
      GdMemberFields *w = &g_array_index (want->members, GdMemberFields, i);
      GdMemberFields *g = &g_array_index (got->members, GdMemberFields, i);

      g_assert_cmpuint (got->members->len, ==, want->members->len);
      g_assert_cmpint (g->is_object, ==, w->is_object);
      assert_same ("members[].id", w->id, g->id);
      assert_same ("members[].name", w->name, g->name);
      assert_same ("members[].id_number", w->id_number, g->id_number);
      assert_same ("members[].sex", w->sex, g->sex);
      assert_same ("members[].birth_date", w->birth_date, g->birth_date);
      assert_same ("members[].phone", w->phone, g->phone);
      assert_same ("members[].relation", w->relation, g->relation);
      assert_same ("members[].residence", w->residence, g->residence);
      assert_same ("members[].tags", w->tags, g->tags);
    }
  return 0;
}
