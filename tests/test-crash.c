/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety: a child in an edit storm (batches, single creates, updates) is killed with
 * SIGKILL at random moments, 100 times; every write it reported committed must be there
 * exactly as written, the write it was in must be all there or not at all, nothing else may
 * be there, and the file must be intact. */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gd-error.h"
#include "gd-test-fixtures.h"

#define TRIALS 100

/* Household `n` of a trial: IDs unique across all trials through birth date and sequence. */
static JsonObject *
crash_household (guint n)
{
  JsonObject *doc = json_object_new ();
  JsonArray *members = json_array_new ();
  GDate date;
  char birth[9];
  g_autofree char *number = g_strdup_printf ("C%07u", n);

  g_date_set_dmy (&date, 1, 1, 1950);
  g_date_add_days (&date, n / 500);
  g_date_strftime (birth, sizeof birth, "%Y%m%d", &date);
  json_array_add_object_element (members, fixture_member ("m1", "崩溃测试", "02", "1", birth,
                                                          (n % 500) * 2 + 1));
  json_object_set_string_member (doc, "type", "household");
  json_object_set_string_member (doc, "grid", FIXTURE_GRID);
  json_object_set_string_member (doc, "number", number);
  json_object_set_string_member (doc, "address", "新兴村一组1号");
  json_object_set_string_member (doc, "housing", "owned");
  json_object_set_array_member (doc, "members", members);
  return doc;
}

/* The child: an edit storm of units, each one write: a batch of 5 new households, one new
 * household, or an update of a household it made earlier (autocommit). Before committing a
 * unit it tells the parent its intent, "I <id> <n> <address>" per document, and after the
 * commit "C": a kill between the two leaves a unit that must be all there or not at all.
 * Never returns. */
static void G_GNUC_NORETURN
child_write (const char *path, guint first, int report_fd)
{
  GdStore *store = gd_store_open (path, NULL);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  GArray *made_n = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = first;

  if (store == NULL)
    _exit (2);
  /* ready: the parent's random delay starts now, not while the store opens (slow under ASan) */
  if (write (report_fd, "R\n", 2) != 2)
    _exit (6);
  for (guint unit = 0;; unit++)
    {
      g_autoptr(GString) intent = g_string_new (NULL);

      if (unit % 3 == 2 && made->len > 0)
        {
          guint pick = g_random_int_range (0, made->len);
          const char *id = made->pdata[pick];
          g_autoptr(JsonObject) doc = gd_store_get (store, id, NULL);
          g_autofree char *address = g_strdup_printf ("新兴村二组%u号", unit);
          g_autofree char *put = NULL;

          if (doc == NULL)
            _exit (3);
          json_object_set_string_member (doc, "address", address);
          g_string_append_printf (intent, "I %s %u %s\n", id,
                                  g_array_index (made_n, guint, pick), address);
          if (write (report_fd, intent->str, intent->len) != (ssize_t) intent->len)
            _exit (6);
          put = gd_store_put (store, doc, "crash", NULL, NULL);
          if (put == NULL)
            _exit (4);
        }
      else
        {
          guint count = unit % 3 == 0 ? 5 : 1;

          if (!gd_store_begin (store, NULL))
            _exit (3);
          for (guint i = 0; i < count; i++, n++)
            {
              g_autoptr(JsonObject) doc = crash_household (n);
              char *id = gd_store_put (store, doc, "crash", NULL, NULL);
              if (id == NULL)
                _exit (4);
              g_string_append_printf (intent, "I %s %u %s\n", id, n,
                                      json_object_get_string_member (doc, "address"));
              g_ptr_array_add (made, id);
              g_array_append_val (made_n, n);
            }
          if (write (report_fd, intent->str, intent->len) != (ssize_t) intent->len)
            _exit (6);
          if (!gd_store_commit (store, NULL))
            _exit (5);
        }
      /* only now is it committed; a kill before this line may lose it, after must not */
      if (write (report_fd, "C\n", 2) != 2)
        _exit (6);
    }
}

typedef struct {
  char *id;
  guint n;
  char *address;
} Intent;

static void
intent_free (gpointer data)
{
  Intent *intent = data;
  g_free (intent->id);
  g_free (intent->address);
  g_free (intent);
}

/* The units the child reported: complete ones (ending in "C") in `committed`, the last one
 * without its "C" (if any) in `in_flight`. A line cut by the kill was never fully written. */
static void
read_units (int         fd,
            GPtrArray **committed,
            GPtrArray **in_flight)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  char buffer[4096];
  ssize_t got;

  *committed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  *in_flight = g_ptr_array_new_with_free_func (intent_free);
  while ((got = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (all, buffer, got);
  lines = g_strsplit (all->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      if (g_str_equal (lines[i], "C"))
        {
          g_ptr_array_add (*committed, *in_flight);
          *in_flight = g_ptr_array_new_with_free_func (intent_free);
        }
      else
        {
          g_auto(GStrv) parts = g_strsplit (lines[i], " ", 4);
          Intent *intent = g_new0 (Intent, 1);

          g_assert_cmpstr (parts[0], ==, "I");
          intent->id = g_strdup (parts[1]);
          intent->n = (guint) g_ascii_strtoull (parts[2], NULL, 10);
          intent->address = g_strdup (parts[3]);
          g_ptr_array_add (*in_flight, intent);
        }
    }
}

/* Whether the stored document is exactly what the child wrote for this intent: every field
 * of the household it made, with the intended address. */
static gboolean
stored_as_intended (GdStore *store, const Intent *intent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = gd_store_get (store, intent->id, &error);
  g_autoptr(JsonObject) expected = crash_household (intent->n);
  g_autoptr(GList) names = NULL;

  if (stored == NULL)
    {
      g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
      return FALSE;
    }
  json_object_set_string_member (expected, "address", intent->address);
  names = json_object_get_members (expected);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *want = json_object_get_member (expected, l->data);
      JsonNode *have = json_object_get_member (stored, l->data);
      if (have == NULL || !json_node_equal (want, have))
        return FALSE;
    }
  return TRUE;
}

static void
test_sigkill_loses_nothing_committed (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint total_committed = 0, in_flight_applied = 0;

  gd_store_free (g_steal_pointer (&f->store));
  for (guint trial = 0; trial < TRIALS; trial++)
    {
      g_autoptr(GPtrArray) committed = NULL;
      g_autoptr(GPtrArray) in_flight = NULL;
      g_autoptr(GdIssues) issues = gd_issues_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *problems = NULL;
      guint applied = 0;
      int fds[2];
      pid_t child;
      int status;

      g_assert_cmpint (pipe (fds), ==, 0);
      child = fork ();
      g_assert_cmpint (child, >=, 0);
      if (child == 0)
        {
          close (fds[0]);
          child_write (f->path, trial * 100000, fds[1]);
        }
      close (fds[1]);
      {
        char ready[2];
        g_assert_cmpint (read (fds[0], ready, 2), ==, 2);
        g_assert_cmpint (ready[0], ==, 'R');
      }
      g_usleep (g_test_rand_int_range (5, 150) * 1000);
      kill (child, SIGKILL);
      waitpid (child, &status, 0);
      g_assert_true (WIFSIGNALED (status));
      read_units (fds[0], &committed, &in_flight);
      close (fds[0]);

      f->store = gd_store_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_true (gd_store_check (f->store, issues, &error));
      problems = gd_issues_to_string (issues, GD_ISSUE_ERROR);
      g_assert_cmpstr (problems, ==, "");

      /* every committed unit is there, each document exactly as written */
      for (guint u = 0; u < committed->len; u++)
        {
          GPtrArray *unit = committed->pdata[u];
          for (guint i = 0; i < unit->len; i++)
            {
              Intent *intent = unit->pdata[i];
              g_hash_table_replace (latest, g_strdup (intent->id), GUINT_TO_POINTER (1));
              if (!stored_as_intended (f->store, intent))
                {
                  /* a later committed update of the same document may have replaced it */
                  gboolean replaced = FALSE;
                  for (guint v = u + 1; v < committed->len && !replaced; v++)
                    for (guint j = 0; j < ((GPtrArray *) committed->pdata[v])->len; j++)
                      replaced |= g_str_equal (((Intent *) ((GPtrArray *) committed->pdata[v])->pdata[j])->id,
                                               intent->id);
                  for (guint j = 0; j < in_flight->len && !replaced; j++)
                    replaced = g_str_equal (((Intent *) in_flight->pdata[j])->id, intent->id);
                  if (!replaced)
                    g_error ("trial %u: %s is not as committed", trial, intent->id);
                }
            }
          total_committed++;
        }
      /* the unit in flight is all there or not at all: never a part of a batch */
      for (guint i = 0; i < in_flight->len; i++)
        applied += stored_as_intended (f->store, in_flight->pdata[i]);
      if (applied != 0 && applied != in_flight->len)
        g_error ("trial %u: %u of the %u writes of one unit were applied", trial, applied,
                 in_flight->len);
      in_flight_applied += applied > 0;
      for (guint i = 0; i < in_flight->len && applied > 0; i++)
        g_hash_table_replace (latest, g_strdup (((Intent *) in_flight->pdata[i])->id),
                              GUINT_TO_POINTER (1));

      /* and nothing else: the households are exactly the ones made by written units */
      g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), ==,
                       g_hash_table_size (latest));
      gd_store_free (g_steal_pointer (&f->store));
    }
  g_test_message ("%u trials, %u committed units all present as written, %u killed between "
                  "commit and report", TRIALS, total_committed, in_flight_applied);
  g_assert_cmpuint (total_committed, >, TRIALS);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/crash/sigkill-loses-nothing-committed", StoreFixture, NULL, store_fixture_setup,
              test_sigkill_loses_nothing_committed, store_fixture_teardown);
  return g_test_run ();
}
