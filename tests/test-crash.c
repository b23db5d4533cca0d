/* Crash safety: a child writing documents is killed with SIGKILL at random moments; every
 * write it reported committed must be there afterwards and the file must be intact. */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gd-test-fixtures.h"

#define TRIALS 24

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

/* The child: writes singly and in batches of 5, and after each commit tells the parent
 * every id it committed, one per line. Never returns. */
static void G_GNUC_NORETURN
child_write (const char *path, guint first, int report_fd)
{
  GdStore *store = gd_store_open (path, NULL);
  guint n = first;

  if (store == NULL)
    _exit (2);
  for (;;)
    {
      gboolean batch = (n / 7) % 2 == 0;
      g_autoptr(GString) ids = g_string_new (NULL);
      guint count = batch ? 5 : 1;

      if (batch && !gd_store_begin (store, NULL))
        _exit (3);
      for (guint i = 0; i < count; i++, n++)
        {
          g_autoptr(JsonObject) doc = crash_household (n);
          g_autofree char *id = gd_store_put (store, doc, "crash", NULL, NULL);
          if (id == NULL)
            _exit (4);
          g_string_append_printf (ids, "%s\n", id);
        }
      if (batch && !gd_store_commit (store, NULL))
        _exit (5);
      /* only now is it committed; a kill before this line may lose it, after must not */
      if (write (report_fd, ids->str, ids->len) != (ssize_t) ids->len)
        _exit (6);
    }
}

static GPtrArray *
read_reported (int fd)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  char buffer[4096];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (all, buffer, n);
  lines = g_strsplit (all->str, "\n", -1);
  /* a line cut by the kill has no newline yet: it was never fully reported */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    g_ptr_array_add (ids, g_strdup (lines[i]));
  return ids;
}

static void
test_sigkill_loses_nothing_committed (StoreFixture *f, gconstpointer data)
{
  guint total_reported = 0;

  gd_store_free (g_steal_pointer (&f->store));
  for (guint trial = 0; trial < TRIALS; trial++)
    {
      g_autoptr(GPtrArray) reported = NULL;
      g_autoptr(GdIssues) issues = gd_issues_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *problems = NULL;
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
      g_usleep (g_test_rand_int_range (5, 150) * 1000);
      kill (child, SIGKILL);
      waitpid (child, &status, 0);
      g_assert_true (WIFSIGNALED (status));
      reported = read_reported (fds[0]);
      close (fds[0]);
      total_reported += reported->len;

      f->store = gd_store_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_true (gd_store_check (f->store, issues, &error));
      problems = gd_issues_to_string (issues, GD_ISSUE_ERROR);
      g_assert_cmpstr (problems, ==, "");
      for (guint i = 0; i < reported->len; i++)
        {
          g_autoptr(JsonObject) doc = gd_store_get (f->store, reported->pdata[i], &error);
          g_assert_no_error (error);
        }
      /* batches are all or nothing: the count is a whole number of committed writes */
      g_assert_cmpint (gd_store_count (f->store, GD_DOC_HOUSEHOLD, NULL), >=, total_reported);
      gd_store_free (g_steal_pointer (&f->store));
    }
  g_test_message ("%u trials, %u reported writes all present", TRIALS, total_reported);
  g_assert_cmpuint (total_reported, >, TRIALS);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/crash/sigkill-loses-nothing-committed", StoreFixture, NULL, store_fixture_setup,
              test_sigkill_loses_nothing_committed, store_fixture_teardown);
  return g_test_run ();
}
