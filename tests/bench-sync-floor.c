/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sync-floor: how fast any workstation could take a first pull that keeps the documents
 * in SQLite and nothing else (no register, search or map rows): the floor GridDesk's own
 * initial pull is measured against in tests/bench-sync.sh. Not a test: it prints, it does not
 * judge.
 *
 *   bench-sync-floor --server URL --database DB --user NAME --password-env VAR --db FILE [--page N]
 *
 * The same requests as GridDesk's first sync (paged _all_docs?include_docs=true, the next page
 * asked for while the last is written) and the same SQLite settings (WAL, synchronous=NORMAL,
 * 8 KiB pages, a transaction per page), but each row is only its id and its text. Prints
 * "floor: N documents in S s". */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gd-bench.h"
#include "gd-couch-rows.h"
#include "gd-couch.h"

static char *opt_server;
static char *opt_database;
static char *opt_user;
static char *opt_password_env;
static char *opt_db;
static int opt_page = 2500;

static const GOptionEntry entries[] = {
  { "server", 0, 0, G_OPTION_ARG_STRING, &opt_server, "Server URL", "URL" },
  { "database", 0, 0, G_OPTION_ARG_STRING, &opt_database, "Database", "NAME" },
  { "user", 0, 0, G_OPTION_ARG_STRING, &opt_user, "Account", "NAME" },
  { "password-env", 0, 0, G_OPTION_ARG_STRING, &opt_password_env, "Variable holding the password", "VAR" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "SQLite file to create", "FILE" },
  { "page", 0, 0, G_OPTION_ARG_INT, &opt_page, "Documents per request (default 2500)", "N" },
  { NULL }
};

typedef struct {
  GdCouch     *couch;
  GAsyncQueue *pages; /* GBytes * replies in order, then an empty GBytes at the end */
} Fetcher;

static void
fail (const char *what, const char *message)
{
  g_printerr ("bench-sync-floor: %s: %s\n", what, message);
  exit (1);
}

static gpointer
fetch_all (gpointer data)
{
  Fetcher *fetcher = data;
  g_autofree char *last_key = NULL;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      GBytes *reply;
      guint n_rows = 0;
      gsize length;
      const char *text;

      if (last_key != NULL)
        {
          g_autofree char *key = g_uri_escape_string (last_key, NULL, FALSE);
          path = g_strdup_printf ("/%s/_all_docs?include_docs=true&limit=%d&startkey=%s&skip=1",
                                  opt_database, opt_page, key);
        }
      else
        path = g_strdup_printf ("/%s/_all_docs?include_docs=true&limit=%d", opt_database, opt_page);
      reply = gd_couch_request_bytes (fetcher->couch, "GET", path, NULL, NULL, NULL, &error);
      if (reply == NULL)
        fail (path, error->message);
      text = g_bytes_get_data (reply, &length);
      g_clear_pointer (&last_key, g_free);
      if (!gd_couch_rows_scan (text, length, &n_rows, &last_key, &error))
        fail (path, error->message);
      g_async_queue_push (fetcher->pages, reply);
      if (n_rows < (guint) opt_page)
        break;
    }
  g_async_queue_push (fetcher->pages, g_bytes_new (NULL, 0));
  return NULL;
}

static void
exec (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    fail (sql, message);
}

/* Writes one page in one transaction; returns how many documents it held. */
static guint
write_page (sqlite3 *db, sqlite3_stmt *insert, GBytes *reply)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *text = g_bytes_get_data (reply, &length);
  g_autoptr(GPtrArray) rows = gd_couch_rows_split (text, length, &error);

  if (rows == NULL)
    fail ("page", error->message);
  exec (db, "BEGIN");
  for (guint i = 0; i < rows->len; i++)
    {
      GdCouchRow *row = rows->pdata[i];
      /* the row's key is its document's id, as JSON text: a quoted string */
      gsize key_length = row->key ? strlen (row->key) : 0;

      if (key_length < 2)
        fail ("page", "a row without a string key");
      sqlite3_bind_text (insert, 1, row->key + 1, (int) key_length - 2, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, row->body, -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        fail ("insert", sqlite3_errmsg (db));
      sqlite3_reset (insert);
    }
  exec (db, "COMMIT");
  return rows->len;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- the documents-only first-pull floor");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdCouch) couch = NULL;
  Fetcher fetcher = { 0 };
  GThread *thread;
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  const char *password;
  guint64 documents = 0;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    fail ("options", error->message);
  if (!opt_server || !opt_database || !opt_user || !opt_password_env || !opt_db || opt_page <= 0)
    fail ("options", "--server, --database, --user, --password-env and --db are needed");
  if ((password = g_getenv (opt_password_env)) == NULL)
    fail (opt_password_env, "not set");

  start = now_ns ();
  if ((couch = gd_couch_new (opt_server, &error)) == NULL
      || !gd_couch_login (couch, opt_user, password, NULL, &error))
    fail (opt_server, error->message);
  if (sqlite3_open (opt_db, &db) != SQLITE_OK)
    fail (opt_db, sqlite3_errmsg (db));
  exec (db, "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
            "CREATE TABLE documents (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
            " body TEXT NOT NULL)");
  if (sqlite3_prepare_v2 (db, "INSERT INTO documents (id, body) VALUES (?, ?)", -1, &insert, NULL) != SQLITE_OK)
    fail ("prepare", sqlite3_errmsg (db));

  fetcher.couch = couch;
  fetcher.pages = g_async_queue_new_full ((GDestroyNotify) g_bytes_unref);
  thread = g_thread_new ("floor-fetch", fetch_all, &fetcher);
  for (;;)
    {
      g_autoptr(GBytes) reply = g_async_queue_pop (fetcher.pages);

      if (g_bytes_get_size (reply) == 0)
        break;
      documents += write_page (db, insert, reply);
    }
  g_thread_join (thread);
  g_async_queue_unref (fetcher.pages);
  sqlite3_finalize (insert);
  sqlite3_close (db);
  printf ("floor: %" G_GUINT64_FORMAT " documents in %.2f s\n", documents, (now_ns () - start) / 1e9);
  return 0;
}
