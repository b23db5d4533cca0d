/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-test-fixtures.h: small valid documents and temp stores shared by the core tests. */
#pragma once

#include <glib/gstdio.h>

#include "gd-idcard.h"
#include "gd-json.h"
#include "gd-store.h"

#define FIXTURE_VILLAGE "320902101001"
#define FIXTURE_GRID    "320902101001001"

/* tests/fixtures/valid-<type>.json, parsed. */
static inline JsonObject *
fixture_load_valid (const char *type)
{
  g_autofree char *name = g_strdup_printf ("valid-%s.json", type);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *doc;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  doc = gd_json_parse_object (text, -1, &error);
  g_assert_no_error (error);
  return doc;
}

/* A valid 18-digit ID for the birth date (YYYYMMDD) and 3-digit sequence. */
static inline char *
fixture_id_number (const char *birth, guint sequence)
{
  char first17[18];

  g_snprintf (first17, sizeof first17, "320902%s%03u", birth, sequence);
  return g_strdup_printf ("%s%c", first17, gd_idcard_check_char (first17));
}

static inline JsonObject *
fixture_member (const char *id, const char *name, const char *relation, const char *sex,
                const char *birth, guint sequence)
{
  JsonObject *member = json_object_new ();
  g_autofree char *id_number = fixture_id_number (birth, sequence);
  g_autofree char *birth_date = g_strdup_printf ("%.4s-%.2s-%.2s", birth, birth + 4, birth + 6);

  json_object_set_string_member (member, "id", id);
  json_object_set_string_member (member, "name", name);
  json_object_set_string_member (member, "id_type", "resident_id");
  json_object_set_string_member (member, "id_number", id_number);
  json_object_set_string_member (member, "sex", sex);
  json_object_set_string_member (member, "birth_date", birth_date);
  json_object_set_string_member (member, "ethnicity", "01");
  json_object_set_string_member (member, "relation", relation);
  json_object_set_string_member (member, "residence", "registered");
  return member;
}

/* A two-member household: 欧阳玲巧 (head, female, sequence `seq`) and 张伟 (spouse). */
static inline JsonObject *
fixture_household (const char *number, guint seq)
{
  JsonObject *doc = json_object_new ();
  JsonArray *members = json_array_new ();
  JsonObject *head = fixture_member ("m1", "欧阳玲巧", "02", "2", "19850312", seq * 2);
  JsonObject *spouse = fixture_member ("m2", "张伟", "10", "1", "19830704", seq * 2 + 1);

  json_object_set_string_member (head, "phone", "13912345678");
  json_array_add_object_element (members, head);
  json_array_add_object_element (members, spouse);
  json_object_set_string_member (doc, "type", "household");
  json_object_set_string_member (doc, "grid", FIXTURE_GRID);
  json_object_set_string_member (doc, "number", number);
  json_object_set_string_member (doc, "address", "新兴镇新兴村三组12号");
  json_object_set_string_member (doc, "housing", "owned");
  json_object_set_array_member (doc, "members", members);
  return doc;
}

static inline JsonObject *
fixture_grid (const char *code, const char *name)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *parent = g_strndup (code, 12);

  json_object_set_string_member (doc, "type", "grid");
  json_object_set_string_member (doc, "code", code);
  json_object_set_string_member (doc, "name", name);
  json_object_set_string_member (doc, "level", "grid");
  json_object_set_string_member (doc, "kind", "comprehensive");
  json_object_set_string_member (doc, "parent", parent);
  json_object_set_string_member (doc, "village", parent);
  return doc;
}

/* Schema step "report query columns" undone by hand: a file as the step before left it. */
#define FIXTURE_UNDO_REPORT_COLUMNS \
  "DROP INDEX persons_by_checks; ALTER TABLE persons DROP COLUMN checks;" \
  "DROP INDEX incidents_by_closed; DROP INDEX documents_by_updated;" \
  "DROP INDEX incidents_by_address; DROP TABLE patrol_visits;" \
  "ALTER TABLE disputes DROP COLUMN parties;" \
  "ALTER TABLE incidents DROP COLUMN address; ALTER TABLE incidents DROP COLUMN unit;" \
  "ALTER TABLE incidents DROP COLUMN satisfaction; ALTER TABLE incidents DROP COLUMN households;"

typedef struct {
  char    *dir;
  char    *path;
  GdStore *store;
} StoreFixture;

/* A fresh store in a temp dir with the fixture village and one grid. */
static inline void
store_fixture_setup (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) grid = fixture_grid (FIXTURE_GRID, "第一网格");
  g_autofree char *grid_id = NULL;

  fixture->dir = g_dir_make_tmp ("gd-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.sqlite", NULL);
  fixture->store = gd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  gd_store_init_scope (fixture->store, FIXTURE_VILLAGE, "新兴村", "tester", &error);
  g_assert_no_error (error);
  grid_id = gd_store_put (fixture->store, grid, "tester", NULL, &error);
  g_assert_no_error (error);
}

static inline void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static inline void
store_fixture_teardown (StoreFixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->store, gd_store_free);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Puts a grid `code` with a GeoJSON `boundary` (text) into `store`. */
static inline void
fixture_put_grid_boundary (GdStore *store, const char *code, const char *name, const char *boundary)
{
  g_autoptr(JsonObject) grid = fixture_grid (code, name);
  g_autoptr(JsonNode) node = json_from_string (boundary, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_nonnull (node);
  json_object_set_object_member (grid, "boundary", json_object_ref (json_node_get_object (node)));
  id = gd_store_put (store, grid, "tester", NULL, &error);
  g_assert_no_error (error);
}

/* A second grid of the fixture village (for per-grid answers). */
#define FIXTURE_GRID_B "320902101001002"

static inline void
store_fixture_add_grid_b (StoreFixture *fixture)
{
  g_autoptr(JsonObject) grid = fixture_grid (FIXTURE_GRID_B, "第二网格");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = gd_store_put (fixture->store, grid, "tester", NULL, &error);

  g_assert_no_error (error);
}
