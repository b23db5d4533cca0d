/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GdSession: document-changed after committed writes (local, a second connection to the same
 * file, a sync-style write), never for a rollback; list models refreshed through it; the
 * store kept by reference. No display needed. */
#include "config.h"

#include "gd-household-list-model.h"
#include "gd-session.h"
#include "gd-store-sync.h"
#include "gd-test-fixtures.h"

typedef struct {
  GPtrArray *ids;   /* ids told, in order; "" for a NULL id */
  GArray    *types;
} Told;

static void
on_document_changed (GdSession *session, const char *id, int type, Told *told)
{
  g_ptr_array_add (told->ids, g_strdup (id ? id : ""));
  g_array_append_val (told->types, type);
}

static void
told_init (Told *told, GdSession *session)
{
  told->ids = g_ptr_array_new_with_free_func (g_free);
  told->types = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (session, "document-changed", G_CALLBACK (on_document_changed), told);
}

static void
told_clear (Told *told)
{
  g_ptr_array_unref (told->ids);
  g_array_unref (told->types);
}

static gboolean
told_has (Told *told, const char *id)
{
  for (guint i = 0; i < told->ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (told->ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until `told` has `id` (the session's poll finds it) or 10 s pass. */
static void
wait_for (Told *told, const char *id)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!told_has (told, id) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_true (told_has (told, id));
}

static char *
put_household (GdStore *store, const char *number)
{
  /* distinct citizen IDs for each household */
  g_autoptr(JsonObject) doc = fixture_household (number, (guint) g_ascii_strtoull (number, NULL, 10) + 10);
  g_autoptr(GError) error = NULL;
  char *id = gd_store_put (store, doc, "tester", NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* A local put is told once, after its commit, with its type; nothing before. */
static void
test_local_write (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdSession) session = gd_session_new (NULL);
  g_autofree char *id = NULL;
  Told told;

  gd_session_set_store (session, f->store);
  told_init (&told, session);
  id = put_household (f->store, "0001");
  g_assert_cmpuint (told.ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (told.ids, 0), ==, id);
  g_assert_cmpint (g_array_index (told.types, int, 0), ==, GD_DOC_HOUSEHOLD);

  g_assert_true (gd_store_delete (f->store, id, "tester", NULL));
  g_assert_cmpuint (told.ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (told.ids, 1), ==, id);
  told_clear (&told);
}

/* Inside an outer transaction nothing is told until COMMIT; a rollback tells nothing. */
static void
test_transaction (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdSession) session = gd_session_new (NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  Told told;

  gd_session_set_store (session, f->store);
  told_init (&told, session);
  g_assert_true (gd_store_begin (f->store, NULL));
  a = put_household (f->store, "0001");
  b = put_household (f->store, "0002");
  g_assert_cmpuint (told.ids->len, ==, 0);
  g_assert_true (gd_store_commit (f->store, NULL));
  g_assert_cmpuint (told.ids->len, ==, 2);
  g_assert_true (told_has (&told, a) && told_has (&told, b));

  g_assert_true (gd_store_begin (f->store, NULL));
  c = put_household (f->store, "0003");
  gd_store_rollback (f->store);
  g_assert_cmpuint (told.ids->len, ==, 2);
  /* and what was rolled back is not told with the next commit */
  g_clear_pointer (&a, g_free);
  a = put_household (f->store, "0004");
  g_assert_cmpuint (told.ids->len, ==, 3);
  g_assert_false (told_has (&told, c));
  told_clear (&told);
}

static void
reload_model (gpointer object)
{
  gd_household_list_model_reload (GD_HOUSEHOLD_LIST_MODEL (object));
}

/* A write through a second connection to the file (griddesk-ctl, another window) is found by
 * the session's poll, told with its id, and a watching list model shows it. */
static void
test_other_connection (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdSession) session = gd_session_new (NULL);
  g_autoptr(GdHouseholdListModel) model = gd_household_list_model_new (f->store);
  g_autoptr(GdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  Told told;

  gd_household_list_model_set_prefetch (model, FALSE);
  gd_session_set_store (session, f->store);
  told_init (&told, session);
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_HOUSEHOLD), model, reload_model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  other = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  id = put_household (other, "0001");
  g_assert_cmpuint (told.ids->len, ==, 0); /* not this connection's write */
  wait_for (&told, id);
  g_assert_cmpuint (told.ids->len, ==, 1);
  g_assert_cmpint (g_array_index (told.types, int, 0), ==, GD_DOC_HOUSEHOLD);
  /* the model reloads from an idle */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* the session's own writes are not told twice by the poll */
  g_clear_pointer (&id, g_free);
  id = put_household (f->store, "0002");
  g_assert_cmpuint (told.ids->len, ==, 2);
  gd_session_check_changes (session);
  g_assert_cmpuint (told.ids->len, ==, 2);
  told_clear (&told);
}

/* A document the sync worker applies through its own connection reaches the session too. */
static void
test_sync_write (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdSession) session = gd_session_new (NULL);
  g_autoptr(GdHouseholdListModel) model = gd_household_list_model_new (f->store);
  g_autoptr(GdStore) worker = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  JsonObject *doc = fixture_household ("0009", 3);
  Told told;

  gd_household_list_model_set_prefetch (model, FALSE);
  gd_session_set_store (session, f->store);
  told_init (&told, session);
  gd_session_watch (session, GD_DOC_MASK (GD_DOC_HOUSEHOLD), model, reload_model);

  json_object_set_string_member (doc, "_id", "household:from-county");
  json_object_set_string_member (doc, "_rev", "1-a");
  json_object_set_string_member (doc, "village", FIXTURE_VILLAGE);
  json_object_set_string_member (doc, "updated_at", "2026-11-20T09:00:00Z");
  /* a whole envelope: a pull validates like a local write (issue 19) */
  json_object_set_string_member (doc, "created_at", "2026-11-20T09:00:00Z");
  json_object_set_string_member (doc, "created_by", "县平台");
  json_object_set_string_member (doc, "updated_by", "县平台");
  json_object_set_int_member (doc, "schema", 1);
  g_ptr_array_add (docs, doc);
  worker = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_store_sync_apply (worker, docs, NULL, NULL, &error));
  g_assert_no_error (error);

  wait_for (&told, "household:from-county");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  told_clear (&told);
}

/* Many writes of another connection at once (a first sync) are told as one NULL id. */
static void
test_many_changes (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdSession) session = gd_session_new (NULL);
  g_autoptr(GdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  Told told;

  gd_session_set_store (session, f->store);
  told_init (&told, session);
  other = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_store_begin (other, NULL));
  for (guint i = 0; i <= GD_SESSION_MAX_CHANGES; i++)
    {
      g_autofree char *code = g_strdup_printf (FIXTURE_VILLAGE "%03u", i + 2);
      g_autoptr(JsonObject) grid = fixture_grid (code, "网格");
      g_autofree char *id = gd_store_put (other, grid, "tester", NULL, &error);

      g_assert_no_error (error);
    }
  g_assert_true (gd_store_commit (other, NULL));
  gd_session_check_changes (session);
  g_assert_cmpuint (told.ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (told.ids, 0), ==, "");
  g_assert_cmpint (g_array_index (told.types, int, 0), ==, GD_DOC_UNKNOWN);
  told_clear (&told);
}

/* The session keeps the store by reference: the opener may let go; the store closes with the
 * session's last reference, and a replaced store is no longer followed. */
static void
test_store_reference (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GdSession) session = gd_session_new (NULL);
  g_autoptr(GError) error = NULL;
  GdStore *store = gd_store_open (f->path, &error);
  g_autofree char *id = NULL;
  Told told;

  g_assert_no_error (error);
  gd_session_set_store (session, store);
  gd_store_unref (store);
  g_assert_true (gd_session_get_store (session) == store);
  told_init (&told, session);
  id = put_household (gd_session_get_store (session), "0001");
  g_assert_cmpuint (told.ids->len, ==, 1);

  gd_session_set_store (session, f->store);
  g_clear_pointer (&id, g_free);
  id = put_household (f->store, "0002");
  g_assert_cmpuint (told.ids->len, ==, 2);
  gd_session_set_store (session, NULL);
  g_clear_pointer (&id, g_free);
  id = put_household (f->store, "0003");
  g_assert_cmpuint (told.ids->len, ==, 2);
  told_clear (&told);
}

static void
on_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

/* Operator: set, saved nowhere without settings, the old pointer still valid. */
static void
test_operator (void)
{
  g_autoptr(GdSession) session = gd_session_new (NULL);
  GdOperator first = { (char *) "李梅", GD_ROLE_GRID_WORKER };
  GdOperator second = { (char *) "王强", GD_ROLE_CENTRE_OPERATOR };
  const GdOperator *held;
  guint notified = 0;

  g_assert_null (gd_session_get_operator (session));
  g_signal_connect (session, "notify::operator", G_CALLBACK (on_notify), &notified);
  gd_session_set_operator (session, &first);
  gd_session_set_operator (session, &first);
  g_assert_cmpuint (notified, ==, 1); /* the same operator again is no change */
  held = gd_session_get_operator (session);
  g_assert_cmpstr (held->name, ==, "李梅");
  g_assert_cmpstr (gd_session_get_actor (session), ==, "李梅");
  gd_session_set_operator (session, &second);
  g_assert_cmpstr (held->name, ==, "李梅"); /* still valid */
  g_assert_cmpstr (gd_session_get_operator (session)->name, ==, "王强");
  g_assert_cmpint (gd_session_get_operator (session)->role, ==, GD_ROLE_CENTRE_OPERATOR);
  g_assert_cmpuint (notified, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/session/local-write", StoreFixture, NULL, store_fixture_setup, test_local_write,
              store_fixture_teardown);
  g_test_add ("/session/transaction", StoreFixture, NULL, store_fixture_setup, test_transaction,
              store_fixture_teardown);
  g_test_add ("/session/other-connection", StoreFixture, NULL, store_fixture_setup,
              test_other_connection, store_fixture_teardown);
  g_test_add ("/session/sync-write", StoreFixture, NULL, store_fixture_setup, test_sync_write,
              store_fixture_teardown);
  g_test_add ("/session/many-changes", StoreFixture, NULL, store_fixture_setup,
              test_many_changes, store_fixture_teardown);
  g_test_add ("/session/store-reference", StoreFixture, NULL, store_fixture_setup,
              test_store_reference, store_fixture_teardown);
  g_test_add_func ("/session/operator", test_operator);
  return g_test_run ();
}
