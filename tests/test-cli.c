/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl end to end: runs the real binary ($GRIDDESK_CTL) against a fresh database in a
 * temp dir per test and checks exit statuses, messages and that refusals write nothing
 * (CLI.md: 1 bad input / validation, 2 usage, 3 I/O or database, 4 network). */
#include "config.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gd-idcard.h"
#include "gd-mask.h"
#include "gd-store.h"

#define VILLAGE      "320902101001"
#define VILLAGE_NAME "新兴村"
#define GRID         "320902101001001"
#define GRID_2       "320902101001002"
#define OTHER_GRID   "320902101002001" /* the next village's first grid */

static const char *ctl_path;

/* ---- running griddesk-ctl ------------------------------------------------------------- */

typedef struct {
  int   status; /* exit status; 128 + signal when killed */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->status = -1;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

typedef struct {
  char *dir;
  char *db;
  char *household_id;   /* set by populate() */
  char *head_id_number; /* 欧阳玲巧 */
  char *spouse_id_number;
  guint files;          /* counter for input files */
} Fixture;

/* Runs in the child between fork and exec: stdin from the file (open/dup2 are safe here). */
static void
child_stdin_from_file (gpointer data)
{
  int fd = open ((const char *) data, O_RDONLY);

  if (fd >= 0)
    {
      dup2 (fd, STDIN_FILENO);
      close (fd);
    }
}

/* Runs griddesk-ctl with `args` (NULL-terminated); `input` (or NULL) is its standard input.
 * `f` gives the working dir; with `with_db` the arguments are preceded by --db f->db. */
static void
run_v (Fixture    *f,
       gboolean    with_db,
       const char *input,
       Run        *run,
       va_list     ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *input_path = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *err_line = NULL;
  const char *arg;
  int wait_status = 0;

  run_clear (run);
  g_ptr_array_add (argv, (gpointer) ctl_path);
  if (with_db)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, f->db);
    }
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    {
      input_path = g_strdup_printf ("%s/stdin-%u", f->dir, f->files++);
      g_assert_true (g_file_set_contents (input_path, input, -1, &error));
      g_assert_no_error (error);
    }

  if (!g_spawn_sync (f->dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                     input_path != NULL ? child_stdin_from_file : NULL, input_path,
                     &run->out, &run->err, &wait_status, &error))
    g_error ("cannot run %s: %s", ctl_path, error->message);

  if (WIFEXITED (wait_status))
    run->status = WEXITSTATUS (wait_status);
  else if (WIFSIGNALED (wait_status))
    run->status = 128 + WTERMSIG (wait_status);
  else
    run->status = -1;
  joined = g_strjoinv (" ", (char **) argv->pdata + 1 + (with_db ? 2 : 0));
  err_line = g_strdelimit (g_strchomp (g_strdup (run->err ? run->err : "")), "\n", '|');
  g_test_message ("griddesk-ctl%s %s -> %d%s%s", with_db ? " --db DB" : "", joined, run->status,
                  *err_line ? "; stderr: " : "", err_line);
}

/* griddesk-ctl --db DB args... */
static void
ctl (Fixture *f, Run *run, ...) G_GNUC_NULL_TERMINATED;
static void
ctl (Fixture *f, Run *run, ...)
{
  va_list ap;

  va_start (ap, run);
  run_v (f, TRUE, NULL, run, ap);
  va_end (ap);
}

/* griddesk-ctl --db DB args... < input */
static void
ctl_in (Fixture *f, const char *input, Run *run, ...) G_GNUC_NULL_TERMINATED;
static void
ctl_in (Fixture *f, const char *input, Run *run, ...)
{
  va_list ap;

  va_start (ap, run);
  run_v (f, TRUE, input, run, ap);
  va_end (ap);
}

/* griddesk-ctl args... (no --db) */
static void
ctl_raw (Fixture *f, Run *run, ...) G_GNUC_NULL_TERMINATED;
static void
ctl_raw (Fixture *f, Run *run, ...)
{
  va_list ap;

  va_start (ap, run);
  run_v (f, FALSE, NULL, run, ap);
  va_end (ap);
}

#define assert_exit(run, expected)                                                      \
  G_STMT_START {                                                                        \
    if ((run)->status != (expected))                                                    \
      g_test_message ("unexpected exit status %d (wanted %d)\nstdout:\n%s\nstderr:\n%s", \
                      (run)->status, (expected), (run)->out, (run)->err);               \
    g_assert_cmpint ((run)->status, ==, (expected));                                    \
  } G_STMT_END

#define assert_contains(haystack, needle)                                               \
  G_STMT_START {                                                                        \
    const char *h__ = (haystack), *n__ = (needle);                                      \
    if (h__ == NULL || strstr (h__, n__) == NULL)                                       \
      g_test_message ("expected \"%s\" in:\n%s", n__, h__ ? h__ : "(null)");            \
    g_assert_nonnull (h__);                                                             \
    g_assert_nonnull (strstr (h__, n__));                                               \
  } G_STMT_END

#define assert_not_contains(haystack, needle)                                           \
  G_STMT_START {                                                                        \
    const char *h__ = (haystack), *n__ = (needle);                                      \
    if (h__ != NULL && strstr (h__, n__) != NULL)                                       \
      g_test_message ("did not expect \"%s\" in:\n%s", n__, h__);                       \
    g_assert_true (h__ == NULL || strstr (h__, n__) == NULL);                           \
  } G_STMT_END

/* ---- fixture -------------------------------------------------------------------------- */

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gd-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "village.sqlite", NULL);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GDir *dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->household_id);
  g_free (f->head_id_number);
  g_free (f->spouse_id_number);
}

/* ---- documents ------------------------------------------------------------------------ */

/* A valid 18-digit number: 320902 + birth (YYYYMMDD) + 3-digit sequence + check char. */
static char *
id_number (const char *birth, guint sequence)
{
  char first17[18];

  g_snprintf (first17, sizeof first17, "320902%s%03u", birth, sequence);
  return g_strdup_printf ("%s%c", first17, gd_idcard_check_char (first17));
}

/* The same number with a check char that is certainly wrong. */
static char *
with_wrong_check_char (const char *number)
{
  char *wrong = g_strdup (number);

  wrong[17] = number[17] == '1' ? '2' : '1';
  return wrong;
}

static char *
write_input (Fixture *f, const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_strdup_printf ("%s/doc-%u.json", f->dir, f->files++);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, TRUE);
}

static char *
grid_json (const char *code, const char *name)
{
  return g_strdup_printf ("{\"type\": \"grid\", \"level\": \"grid\", \"code\": \"%s\", "
                          "\"kind\": \"comprehensive\", \"parent\": \"" VILLAGE "\", "
                          "\"name\": \"%s\", \"village\": \"" VILLAGE "\"}", code, name);
}

static JsonObject *
member_new (const char *id, const char *name, const char *number, const char *sex,
            const char *birth_date, const char *relation, const char *phone)
{
  JsonObject *member = json_object_new ();

  json_object_set_string_member (member, "id", id);
  json_object_set_string_member (member, "name", name);
  json_object_set_string_member (member, "id_type", "resident_id");
  json_object_set_string_member (member, "id_number", number);
  json_object_set_string_member (member, "sex", sex);
  json_object_set_string_member (member, "birth_date", birth_date);
  json_object_set_string_member (member, "ethnicity", "01");
  json_object_set_string_member (member, "relation", relation);
  json_object_set_string_member (member, "residence", "registered");
  json_object_set_string_member (member, "phone", phone);
  return member;
}

/* 欧阳玲巧 (head, 02, female, 1975-03-12) and 张伟 (spouse, 10, male, 1973-08-05). */
static JsonObject *
household_new (const char *number,
               const char *head_id_number,
               const char *spouse_id_number)
{
  JsonObject *doc = json_object_new ();
  JsonArray *members = json_array_new ();

  json_array_add_object_element (members, member_new ("m1", "欧阳玲巧", head_id_number, "2",
                                                      "1975-03-12", "02", "13812345678"));
  json_array_add_object_element (members, member_new ("m2", "张伟", spouse_id_number, "1",
                                                      "1973-08-05", "10", "13987654321"));
  json_object_set_string_member (doc, "type", "household");
  json_object_set_string_member (doc, "village", VILLAGE);
  json_object_set_string_member (doc, "grid", GRID);
  json_object_set_string_member (doc, "number", number);
  json_object_set_string_member (doc, "address", "新兴村幸福路18号");
  json_object_set_string_member (doc, "housing", "owned");
  json_object_set_array_member (doc, "members", members);
  return doc;
}

/* A second, unrelated household with fresh ID numbers (refusal tests change one field). */
static JsonObject *
other_household_new (void)
{
  g_autofree char *head = id_number ("19750312", 44);
  g_autofree char *spouse = id_number ("19730805", 35);

  return household_new ("XX-0002", head, spouse);
}

static JsonObject *
member_of (JsonObject *household, guint index)
{
  return json_array_get_object_element (json_object_get_array_member (household, "members"), index);
}

static const char incident_json[] =
  "{\"type\": \"incident\", \"village\": \"" VILLAGE "\", \"grid\": \"" GRID "\", "
  "\"number\": \"SJ-2026-000001\", \"title\": \"楼道堆放杂物\", "
  "\"description\": \"三单元楼道堆放纸箱，影响通行\", \"category\": \"MD01\", "
  "\"source\": \"patrol\", \"urgency\": \"normal\", \"status\": \"registered\", "
  "\"reported_at\": \"2026-06-01T08:00:00Z\", \"deadline\": \"2026-06-08T08:00:00Z\", "
  "\"handling_level\": \"grid\", \"reporter\": {\"name\": \"李四\", \"phone\": \"13700001111\"}}";

/* ---- JSON helpers --------------------------------------------------------------------- */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_test_message ("not JSON:\n%s", text);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
int_member (JsonObject *object, const char *name)
{
  JsonNode *node;

  g_assert_nonnull (object);
  node = json_object_get_member (object, name);
  if (node == NULL)
    g_test_message ("no member '%s'", name);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

/* `stats --json`, parsed */
static JsonNode *
stats (Fixture *f)
{
  g_auto(Run) run = { 0 };

  ctl (f, &run, "stats", "--json", NULL);
  assert_exit (&run, 0);
  return parse_json (run.out);
}

static gint64
count (Fixture *f, const char *name)
{
  g_autoptr(JsonNode) node = stats (f);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return int_member (json_object_get_object_member (json_node_get_object (node), "counts"), name);
}

/* What a refusal must leave alone: all counts and every list. */
static char *
snapshot (Fixture *f)
{
  static const char *const types[] = { "grid", "household", "incident" };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = stats (f);
  JsonObject *counts = json_object_get_object_member (json_node_get_object (node), "counts");
  g_autoptr(JsonNode) counts_node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *counts_text = NULL;
  GString *text = g_string_new (NULL);

  json_node_set_object (counts_node, counts);
  counts_text = json_to_string (counts_node, FALSE);
  g_string_append (text, counts_text);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      ctl (f, &run, "list", types[i], "--json", NULL);
      assert_exit (&run, 0);
      g_string_append_printf (text, "\n%s: %s", types[i], run.out);
    }
  return g_string_free (text, FALSE);
}

/* ---- populating ----------------------------------------------------------------------- */

static void
init_village (Fixture *f)
{
  g_auto(Run) run = { 0 };

  ctl (f, &run, "init", "--village", VILLAGE, "--name", VILLAGE_NAME, NULL);
  assert_exit (&run, 0);
}

static char *
put_text (Fixture *f, const char *type, const char *text, int expected, Run *run)
{
  g_autofree char *path = write_input (f, text);

  ctl (f, run, "put", type, path, NULL);
  assert_exit (run, expected);
  return expected == 0 ? g_strstrip (g_strdup (run->out)) : NULL;
}

static char *
put_object (Fixture *f, const char *type, JsonObject *doc, int expected, Run *run)
{
  g_autofree char *text = object_to_text (doc);
  return put_text (f, type, text, expected, run);
}

/* init + grid 001 + one household of two */
static void
populate (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autofree char *grid = grid_json (GRID, "第一网格");
  g_autofree char *grid_id = NULL;
  g_autoptr(JsonObject) household = NULL;

  init_village (f);
  grid_id = put_text (f, "grid", grid, 0, &run);
  g_assert_true (g_str_has_prefix (grid_id, "grid:"));

  f->head_id_number = id_number ("19750312", 24);
  f->spouse_id_number = id_number ("19730805", 13);
  household = household_new ("XX-0001", f->head_id_number, f->spouse_id_number);
  f->household_id = put_object (f, "household", household, 0, &run);
  g_assert_true (g_str_has_prefix (f->household_id, "household:"));
  g_assert_cmpuint (strlen (f->household_id), >, strlen ("household:"));
}

/* ---- init and usage ------------------------------------------------------------------- */

static void
test_init (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  ctl (f, &run, "init", "--village", VILLAGE, "--name", VILLAGE_NAME, NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, VILLAGE " " VILLAGE_NAME);

  /* the file holds personal data: owner only */
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* only once */
  ctl (f, &run, "init", "--village", VILLAGE, "--name", VILLAGE_NAME, NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "already holds " VILLAGE);
  ctl (f, &run, "init", "--village", "320902101002", "--name", "别的村", NULL);
  assert_exit (&run, 1);

  /* and so is anything SQLite left beside it (-wal, -shm) */
  {
    GDir *dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        if (!g_str_has_prefix (name, "village.sqlite"))
          continue;
        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_test_message ("%s mode %o", name, (unsigned) (st.st_mode & 0777));
        g_assert_cmpint (st.st_mode & 0077, ==, 0);
      }
    g_dir_close (dir);
  }

  /* the village document and nothing else */
  g_assert_cmpint (count (f, "villages"), ==, 1);
  g_assert_cmpint (count (f, "grids"), ==, 0);
  g_assert_cmpint (count (f, "households"), ==, 0);
  ctl (f, &run, "list", "grid", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, VILLAGE_NAME);
  lines = g_strsplit (g_strstrip (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
}

static void
test_init_bad_code (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };

  /* 11 digits, province 99 */
  ctl (f, &run, "init", "--village", "99090210100", "--name", VILLAGE_NAME, NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "village");
  assert_contains (run.err, "99090210100");
  /* 12 digits but province 99 does not exist */
  ctl (f, &run, "init", "--village", "990902101001", "--name", VILLAGE_NAME, NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "village");
  ctl (f, &run, "init", "--village", VILLAGE, "--name", "", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "name");

  /* the refusals left no scope behind: a good init still works */
  ctl (f, &run, "init", "--village", VILLAGE, "--name", VILLAGE_NAME, NULL);
  assert_exit (&run, 0);
  g_assert_cmpint (count (f, "villages"), ==, 1);
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };

  /* missing --db */
  ctl_raw (f, &run, "init", "--village", VILLAGE, "--name", VILLAGE_NAME, NULL);
  assert_exit (&run, 2);
  assert_contains (run.err, "--db");
  ctl_raw (f, &run, "list", "household", NULL);
  assert_exit (&run, 2);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  /* unknown command */
  ctl (f, &run, "frobnicate", NULL);
  assert_exit (&run, 2);
  assert_contains (run.err, "unknown command 'frobnicate'");

  /* unknown global option */
  ctl_raw (f, &run, "--frobnicate", "list", "household", NULL);
  assert_exit (&run, 2);
  assert_contains (run.err, "--frobnicate");

  /* unknown command option, missing arguments, no command at all */
  ctl (f, &run, "list", "household", "--frobnicate", NULL);
  assert_exit (&run, 2);
  ctl (f, &run, "init", "--village", VILLAGE, NULL);
  assert_exit (&run, 2);
  ctl (f, &run, "put", NULL);
  assert_exit (&run, 2);
  ctl (f, &run, "get", "household", NULL);
  assert_exit (&run, 2);
  ctl (f, &run, NULL);
  assert_exit (&run, 2);
  ctl (f, &run, "stats", "--from", NULL);
  assert_exit (&run, 2);

  /* --db=FILE is the same as --db FILE */
  {
    g_autofree char *db_option = g_strconcat ("--db=", f->db, NULL);
    ctl_raw (f, &run, db_option, "init", "--village", VILLAGE, "--name", VILLAGE_NAME, NULL);
    assert_exit (&run, 0);
    ctl (f, &run, "list", "grid", NULL);
    assert_exit (&run, 0);
    assert_contains (run.out, VILLAGE_NAME);
  }

  /* --help */
  ctl_raw (f, &run, "--help", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "griddesk-ctl");
  assert_contains (run.out, "incident transition");
  assert_contains (run.out, "idcheck");
  g_assert_cmpstr (run.err, ==, "");
}

/* ---- put, get, list ------------------------------------------------------------------- */

static void
test_put_grid (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *first = grid_json (GRID, "第一网格");
  g_autofree char *second = grid_json (GRID_2, "第二网格");
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autoptr(JsonNode) node = NULL;

  init_village (f);

  /* from a file */
  first_id = put_text (f, "grid", first, 0, &run);
  g_assert_true (g_str_has_prefix (first_id, "grid:"));
  g_assert_cmpuint (strlen (first_id), >, strlen ("grid:"));

  /* from standard input */
  ctl_in (f, second, &run, "put", "grid", "-", NULL);
  assert_exit (&run, 0);
  second_id = g_strstrip (g_strdup (run.out));
  g_assert_true (g_str_has_prefix (second_id, "grid:"));
  g_assert_cmpstr (first_id, !=, second_id);

  /* and without FILE, standard input too */
  {
    g_autofree char *third = grid_json ("320902101001003", "第三网格");
    ctl_in (f, third, &run, "put", "grid", NULL);
    assert_exit (&run, 0);
    g_assert_true (g_str_has_prefix (run.out, "grid:"));
  }

  g_assert_cmpint (count (f, "grids"), ==, 3);
  g_assert_cmpint (count (f, "villages"), ==, 1);

  ctl (f, &run, "get", "grid", second_id, NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "_id"), ==, second_id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "code"), ==, GRID_2);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "name"), ==, "第二网格");

  /* the bare uuid works as well */
  ctl (f, &run, "get", "grid", second_id + strlen ("grid:"), NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, GRID_2);

  ctl (f, &run, "list", "grid", "--grid", GRID_2, NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, second_id);
  assert_not_contains (run.out, first_id);
}

static void
test_put_household (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *doc;
  JsonArray *members;
  JsonArray *array;
  const char *masked;

  populate (f);
  g_assert_cmpint (count (f, "households"), ==, 1);
  g_assert_cmpint (count (f, "persons"), ==, 2);

  /* get: the whole document, members and numbers included */
  ctl (f, &run, "get", "household", f->household_id, NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  doc = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (doc, "_id"), ==, f->household_id);
  g_assert_cmpstr (json_object_get_string_member (doc, "type"), ==, "household");
  g_assert_cmpstr (json_object_get_string_member (doc, "village"), ==, VILLAGE);
  g_assert_cmpstr (json_object_get_string_member (doc, "grid"), ==, GRID);
  g_assert_true (json_object_has_member (doc, "created_at"));
  g_assert_true (json_object_has_member (doc, "updated_by"));
  members = json_object_get_array_member (doc, "members");
  g_assert_cmpuint (json_array_get_length (members), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0), "name"),
                   ==, "欧阳玲巧");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0), "id_number"),
                   ==, f->head_id_number);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 1), "name"),
                   ==, "张伟");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 1), "relation"),
                   ==, "10");
  g_clear_pointer (&node, json_node_unref);

  /* list: one line per household, the head named */
  ctl (f, &run, "list", "household", NULL);
  assert_exit (&run, 0);
  lines = g_strsplit (g_strstrip (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  assert_contains (lines[0], f->household_id);
  assert_contains (lines[0], "XX-0001");
  assert_contains (lines[0], "欧阳玲巧");
  assert_not_contains (run.out, f->head_id_number);

  /* list --json: masked numbers */
  ctl (f, &run, "list", "household", "--json", NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  doc = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (doc, "_id"), ==, f->household_id);
  masked = json_object_get_string_member (member_of (doc, 0), "id_number");
  assert_contains (masked, "**********");
  g_assert_cmpstr (masked, !=, f->head_id_number);
  g_assert_true (g_str_has_prefix (masked, "3209"));
  assert_not_contains (run.out, f->head_id_number);
  assert_not_contains (run.out, f->spouse_id_number);
  assert_not_contains (run.out, "13812345678");
  g_clear_pointer (&node, json_node_unref);

  /* --reveal: the full numbers */
  ctl (f, &run, "list", "household", "--json", "--reveal", NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  doc = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (member_of (doc, 0), "id_number"), ==, f->head_id_number);
  g_assert_cmpstr (json_object_get_string_member (member_of (doc, 1), "id_number"), ==, f->spouse_id_number);
  assert_not_contains (run.out, "**********");

  /* filters */
  ctl (f, &run, "list", "household", "--grid", GRID_2, NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "");
  ctl (f, &run, "list", "household", "--grid", VILLAGE, NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, f->household_id);
  ctl (f, &run, "list", "spaceship", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "spaceship");
}

static void
test_put_update (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  JsonObject *doc;

  populate (f);
  ctl (f, &run, "get", "household", f->household_id, NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  doc = json_node_get_object (node);
  json_object_set_string_member (doc, "address", "新兴村幸福路20号");
  text = object_to_text (doc);

  /* same _id: an update, not a second household */
  ctl_in (f, text, &run, "put", "household", "-", NULL);
  assert_exit (&run, 0);
  id = g_strstrip (g_strdup (run.out));
  g_assert_cmpstr (id, ==, f->household_id);
  g_assert_cmpint (count (f, "households"), ==, 1);
  g_assert_cmpint (count (f, "persons"), ==, 2);
  ctl (f, &run, "get", "household", f->household_id, NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "幸福路20号");
}

/* ---- refusals ------------------------------------------------------------------------- */

static void
assert_refused (Fixture    *f,
                const char *before,
                Run        *run,
                const char *message)
{
  g_autofree char *after = NULL;

  assert_exit (run, 1);
  assert_contains (run->err, message);
  g_assert_cmpstr (run->out, ==, "");
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

/* `count` copies of `unit` */
static char *
repeat_text (const char *unit, guint count)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < count; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

/* Strict JSON: each text refused with a message that says what and where, nothing written. */
static void
test_put_strict_json (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "{", "malformed JSON: the JSON text ends early at line 1, column 2" },
    { "{\"type\": \"household\",\n \"number\": \"X\",", "the JSON text ends early at line 2, column 16" },
    { "", "the JSON text is empty" },
    { "{\"type\": \"household\"} {\"type\": \"household\"}",
      "more text after the end of the JSON value (one value only) at line 1, column 23" },
    { "{\"type\": \"household\" /* c */}", "comments are not allowed in JSON at line 1, column 22" },
    { "{\"type\": \"household\", // c\n}", "comments are not allowed in JSON" },
    { "{'type': 'household'}", "double quotes, not single quotes at line 1, column 2" },
    { "{\"type\": \"household\", \"number\": \"a\\u0000b\"}",
      "\\u0000 is not allowed in a string at line 1, column 35" },
    { "{\"type\": \"household\", \"n\": 99999999999999999999}",
      "the integer 99999999999999999999 is out of range" },
    { "{\"type\": \"household\", \"n\": 1e400}", "the number 1e400 is out of range" },
    { "{\"type\": \"household\", \"n\": [1,]}", "unexpected character ']' at line 1, column 31" },
  };
  g_auto(Run) run = { 0 };
  g_autofree char *before = NULL;

  populate (f);
  before = snapshot (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      put_text (f, "household", cases[i].text, 1, &run);
      assert_refused (f, before, &run, cases[i].message);
    }
  /* an out-of-range integer is not reported as a place outside China */
  {
    g_autofree char *text = g_strdup_printf ("%.*s, \"location\": {\"lat\": 99999999999999999999, "
                                             "\"lon\": 120.1}}", (int) strlen (incident_json) - 1,
                                             incident_json);
    put_text (f, "incident", text, 1, &run);
    assert_refused (f, before, &run, "is out of range");
    assert_not_contains (run.err, "outside China");
  }
}

/* Oversized documents: refused with the field and the limit, quickly, nothing written. */
static void
test_put_limits (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *before = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"type\": \"household\", \"a\": ");
  g_autoptr(GString) ring = g_string_new (NULL);
  g_autofree char *long_name = repeat_text ("a", 21000);
  g_autofree char *long_address = repeat_text ("路", 300000);
  g_autofree char *grid = NULL;

  populate (f);
  before = snapshot (f);

  /* 100,000 levels: refused before json-glib recurses into them */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  put_text (f, "household", deep->str, 1, &run);
  assert_refused (f, before, &run, "nested deeper than 32 levels at line 1, column 59");

  doc = other_household_new ();
  json_object_set_string_member (member_of (doc, 0), "name", long_name);
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "members[0].name: at most 64 characters (got 21,000)");
  g_clear_pointer (&doc, json_object_unref);

  /* 300,000 characters (900 kB): the field, and nothing else in the document looked at */
  doc = other_household_new ();
  json_object_set_string_member (doc, "address", long_address);
  json_object_set_string_member (member_of (doc, 0), "sex", "x");
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "address: at most 200 characters (got 300,000)");
  assert_not_contains (run.err, "members[0].sex");
  g_clear_pointer (&doc, json_object_unref);

  /* a text over 1 MiB is refused before it is read as JSON */
  doc = other_household_new ();
  json_object_set_string_member (doc, "notes", deep->str);
  json_object_set_string_member (doc, "address", long_address);
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "$: the document is too large: at most 1,048,576 bytes (got ");
  assert_not_contains (run.err, "address:");
  g_clear_pointer (&doc, json_object_unref);

  /* rings of 200,000 and 20,000 positions outside China: a line or two, not one per position */
  for (guint n = 200000; n >= 20000; n /= 10)
    {
      g_string_truncate (ring, 0);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (ring, "%s[%u.5, 1.5]", i > 0 ? ", " : "", i % 100);
      g_free (grid);
      grid = g_strdup_printf ("{\"type\": \"grid\", \"level\": \"grid\", "
                              "\"code\": \"320902101001006\", \"kind\": \"comprehensive\", "
                              "\"parent\": \"" VILLAGE "\", \"name\": \"六\", "
                              "\"village\": \"" VILLAGE "\", \"boundary\": {\"type\": \"Polygon\", "
                              "\"coordinates\": [[%s]]}}", ring->str);
      put_text (f, "grid", grid, 1, &run);
      assert_refused (f, before, &run, n == 200000
                      ? "$: the document is too large: at most 1,048,576 bytes (got 2,580,205)"
                      : "boundary.coordinates[0]: at most 10,000 vertices per ring (got 20,000)");
      g_assert_cmpuint (strlen (run.err), <, 200);
    }
}

static void
test_put_refused (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *grid = grid_json ("320902101001005", "第五网格");
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) doc = NULL;
  char check_char;

  populate (f);
  before = snapshot (f);

  /* malformed JSON, from a file and from stdin */
  put_text (f, "household", "{\"type\": \"household\", \"number\": ", 1, &run);
  assert_refused (f, before, &run, "malformed JSON");
  ctl_in (f, "[1, 2", &run, "put", "household", "-", NULL);
  assert_refused (f, before, &run, "malformed JSON");
  /* JSON but not an object */
  put_text (f, "household", "[1, 2]", 1, &run);
  assert_refused (f, before, &run, "malformed JSON");

  /* unknown type on the command line */
  put_text (f, "spaceship", "{\"type\": \"spaceship\", \"name\": \"x\"}", 1, &run);
  assert_refused (f, before, &run, "unknown type 'spaceship'");
  /* unknown type in the document */
  put_text (f, "household", "{\"type\": \"spaceship\", \"name\": \"x\"}", 1, &run);
  assert_refused (f, before, &run, "spaceship");

  /* the command and the document disagree */
  doc = other_household_new ();
  put_object (f, "grid", doc, 1, &run);
  assert_refused (f, before, &run, "the document is a 'household' but the command says 'grid'");
  put_text (f, "household", grid, 1, &run);
  assert_refused (f, before, &run, "the document is a 'grid' but the command says 'household'");
  g_clear_pointer (&doc, json_object_unref);

  /* a member with a wrong check digit, the right one named */
  doc = other_household_new ();
  expected = g_strdup (json_object_get_string_member (member_of (doc, 1), "id_number"));
  check_char = expected[17];
  wrong = with_wrong_check_char (expected);
  json_object_set_string_member (member_of (doc, 1), "id_number", wrong);
  put_object (f, "household", doc, 1, &run);
  {
    g_autofree char *message = g_strdup_printf ("members[1].id_number: check digit should be %c",
                                                check_char);
    assert_refused (f, before, &run, message);
  }
  g_clear_pointer (&doc, json_object_unref);

  /* codes not in their lists */
  doc = other_household_new ();
  json_object_set_string_member (member_of (doc, 0), "ethnicity", "77");
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "members[0].ethnicity");
  assert_contains (run.err, "'77'");
  g_clear_pointer (&doc, json_object_unref);

  doc = other_household_new ();
  json_object_set_string_member (member_of (doc, 1), "relation", "55x");
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "members[1].relation");
  assert_contains (run.err, "'55x'");
  g_clear_pointer (&doc, json_object_unref);

  /* a grid of the next village */
  doc = other_household_new ();
  json_object_set_string_member (doc, "grid", OTHER_GRID);
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, OTHER_GRID);
  assert_contains (run.err, "grid");
  g_clear_pointer (&doc, json_object_unref);

  /* a grid of this village that does not exist */
  doc = other_household_new ();
  json_object_set_string_member (doc, "grid", "320902101001009");
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "320902101001009");
  g_clear_pointer (&doc, json_object_unref);

  /* a citizen ID already registered in the other household */
  doc = other_household_new ();
  json_object_set_string_member (member_of (doc, 0), "id_number", f->head_id_number);
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "members[0].id_number");
  assert_contains (run.err, f->household_id);
  g_clear_pointer (&doc, json_object_unref);

  /* two heads */
  doc = other_household_new ();
  json_object_set_string_member (member_of (doc, 1), "relation", "02");
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "members");
  g_clear_pointer (&doc, json_object_unref);

  /* a grid document of another village */
  {
    g_autofree char *outside = grid_json (OTHER_GRID, "外村网格");
    put_text (f, "grid", outside, 1, &run);
    assert_refused (f, before, &run, OTHER_GRID);
  }

  /* an _id of the wrong type */
  doc = other_household_new ();
  json_object_set_string_member (doc, "_id", "incident:0190a0b2-0000-7000-8000-000000000001");
  put_object (f, "household", doc, 1, &run);
  assert_refused (f, before, &run, "_id");
  g_clear_pointer (&doc, json_object_unref);

  /* a file that is not there is I/O, and still nothing written */
  path = g_build_filename (f->dir, "no-such-file.json", NULL);
  ctl (f, &run, "put", "household", path, NULL);
  assert_exit (&run, 3);
  {
    g_autofree char *after = snapshot (f);
    g_assert_cmpstr (after, ==, before);
  }

  /* and the good one still goes in */
  doc = other_household_new ();
  g_free (put_object (f, "household", doc, 0, &run));
  g_assert_cmpint (count (f, "households"), ==, 2);
  g_assert_cmpint (count (f, "persons"), ==, 4);
}

/* a stated sex or birth date that disagrees with the ID number: a warning, and it is saved */
static void
test_put_warning (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *id = NULL;

  populate (f);
  doc = other_household_new ();
  json_object_set_string_member (member_of (doc, 0), "sex", "1");
  json_object_set_string_member (member_of (doc, 1), "birth_date", "1973-08-06");
  id = put_object (f, "household", doc, 0, &run);
  g_assert_true (g_str_has_prefix (id, "household:"));
  assert_contains (run.err, "warning: members[0].sex");
  assert_contains (run.err, "warning: members[1].birth_date");
  assert_contains (run.err, "1973-08-05");
  g_assert_cmpint (count (f, "households"), ==, 2);
}

static void
test_put_uninitialised (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *grid = grid_json (GRID, "第一网格");

  put_text (f, "grid", grid, 1, &run);
  assert_contains (run.err, "init");
}

/* ---- delete --------------------------------------------------------------------------- */

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };

  populate (f);

  /* the wrong type for the id is refused without touching it */
  ctl (f, &run, "delete", "incident", f->household_id, NULL);
  assert_exit (&run, 1);
  g_assert_cmpint (count (f, "households"), ==, 1);

  /* a grid that still holds households stays */
  {
    g_autofree char *grid_id = NULL;
    g_auto(GStrv) fields = NULL;

    ctl (f, &run, "list", "grid", "--grid", GRID, NULL);
    assert_exit (&run, 0);
    fields = g_strsplit (run.out, "\t", 2);
    grid_id = g_strdup (fields[0]);
    g_assert_true (g_str_has_prefix (grid_id, "grid:"));
    ctl (f, &run, "delete", "grid", grid_id, NULL);
    assert_exit (&run, 1);
    assert_contains (run.err, GRID);
    g_assert_cmpint (count (f, "grids"), ==, 1);
  }

  ctl (f, &run, "delete", "household", f->household_id, NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, f->household_id);

  ctl (f, &run, "get", "household", f->household_id, NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, f->household_id);
  g_assert_cmpstr (run.out, ==, "");

  ctl (f, &run, "delete", "household", f->household_id, NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, f->household_id);

  ctl (f, &run, "delete", "household", "household:no-such-household", NULL);
  assert_exit (&run, 1);

  ctl (f, &run, "list", "household", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (count (f, "households"), ==, 0);
  g_assert_cmpint (count (f, "persons"), ==, 0);

  /* the deleted household no longer turns up in search */
  ctl (f, &run, "search", "玲巧", NULL);
  assert_exit (&run, 0);
  assert_not_contains (run.out, f->household_id);

  /* its ID numbers are free again */
  {
    g_autoptr(JsonObject) doc = household_new ("XX-0003", f->head_id_number, f->spouse_id_number);
    g_free (put_object (f, "household", doc, 0, &run));
  }
}

/* ---- search --------------------------------------------------------------------------- */

/* search QUERY finds 欧阳玲巧's household */
static void
assert_search_finds (Fixture *f, const char *query, const char *name)
{
  g_auto(Run) run = { 0 };

  ctl (f, &run, "search", query, NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, f->household_id);
  assert_contains (run.out, name);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id_tail = NULL;
  JsonArray *hits;
  gboolean found = FALSE;

  populate (f);
  id_tail = g_strdup (f->head_id_number + 14);

  assert_search_finds (f, "玲巧", "欧阳玲巧");          /* name substring */
  assert_search_finds (f, "欧阳玲巧", "欧阳玲巧");      /* whole name */
  assert_search_finds (f, "oylq", "欧阳玲巧");          /* pinyin initials */
  assert_search_finds (f, "OYLQ", "欧阳玲巧");
  assert_search_finds (f, id_tail, "欧阳玲巧");         /* last four of the ID */
  assert_search_finds (f, f->head_id_number, "欧阳玲巧"); /* the full ID */
  assert_search_finds (f, "5678", "欧阳玲巧");          /* phone tail */
  assert_search_finds (f, "13812345678", "欧阳玲巧");   /* full phone */
  assert_search_finds (f, "幸福路", "");                /* address fragment */
  assert_search_finds (f, "张伟", "张伟");
  assert_search_finds (f, "4321", "张伟");

  /* people output is masked too */
  ctl (f, &run, "search", "玲巧", NULL);
  assert_exit (&run, 0);
  assert_not_contains (run.out, f->head_id_number);

  /* no hit: success, nothing on stdout */
  ctl (f, &run, "search", "诸葛孔明", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "");
  assert_contains (run.err, "no match");

  /* JSON, masked by default */
  ctl (f, &run, "search", "oylq", "--json", NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  hits = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (hits), >=, 1);
  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (hit, "name", NULL), "欧阳玲巧") != 0
          || g_strcmp0 (json_object_get_string_member (hit, "kind"), "person") != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (json_object_get_string_member (hit, "household"), ==, f->household_id);
      assert_contains (json_object_get_string_member (hit, "id_number"), "**********");
      g_assert_cmpstr (json_object_get_string_member (hit, "phone"), ==, "138****5678");
      g_assert_cmpstr (json_object_get_string_member (hit, "grid"), ==, GRID);
    }
  g_assert_true (found);
  assert_not_contains (run.out, f->head_id_number);
  assert_not_contains (run.out, "13812345678");
  g_clear_pointer (&node, json_node_unref);

  /* --reveal unmasks */
  ctl (f, &run, "search", "oylq", "--json", "--reveal", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, f->head_id_number);
  assert_contains (run.out, "13812345678");

  ctl (f, &run, "search", NULL);
  assert_exit (&run, 2);
  ctl (f, &run, "search", "玲巧", "--limit", "0", NULL);
  assert_exit (&run, 2);
}

/* ---- personal numbers ----------------------------------------------------------------- */

/* Every string named "phone" in `node` (the fixtures' residents, landlord, staff, leader,
 * reporter, parties, mediator), added to `phones`. */
static void
collect_phones (JsonNode *node, const char *member, GPtrArray *phones)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &child))
        collect_phones (child, name, phones);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_phones (json_array_get_element (array, i), member, phones);
    }
  else if (g_strcmp0 (member, "phone") == 0)
    g_ptr_array_add (phones, g_strdup (json_node_get_string (node)));
}

/* list --json masks every phone of every type; --reveal shows them. */
static void
test_list_masks_phones (Fixture *f, gconstpointer data)
{
  static const char *const types[] = { "grid", "household", "incident", "dispute", "mediator" };
  g_auto(Run) run = { 0 };
  guint n_phones = 0;

  init_village (f);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *name = g_strdup_printf ("valid-%s.json", types[i]);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonNode) fixture = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      fixture = parse_json (text);
      collect_phones (fixture, NULL, phones);
      g_assert_cmpuint (phones->len, >, 0);
      ctl (f, &run, "put", types[i], path, NULL);
      assert_exit (&run, 0);

      ctl (f, &run, "list", types[i], "--json", NULL);
      assert_exit (&run, 0);
      for (guint p = 0; p < phones->len; p++)
        {
          g_autofree char *masked = gd_mask_phone (phones->pdata[p]);
          assert_not_contains (run.out, phones->pdata[p]);
          assert_contains (run.out, masked);
        }
      ctl (f, &run, "list", types[i], NULL);
      assert_exit (&run, 0);
      for (guint p = 0; p < phones->len; p++)
        assert_not_contains (run.out, phones->pdata[p]);
      ctl (f, &run, "list", types[i], "--json", "--reveal", NULL);
      assert_exit (&run, 0);
      for (guint p = 0; p < phones->len; p++)
        assert_contains (run.out, phones->pdata[p]);
      n_phones += phones->len;
    }
  /* a resident, the landlord, the leader, two staff, the reporter, two parties, the mediator */
  g_assert_cmpuint (n_phones, ==, 9);
}

/* search <full ID> --reveal: the audit log says a search was revealed, not the number. */
static void
test_search_reveal_audit (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *masked = NULL;
  gboolean logged = FALSE;

  populate (f);
  ctl (f, &run, "search", f->head_id_number, "--json", "--reveal", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, f->head_id_number);
  ctl (f, &run, "search", "13812345678", "--reveal", NULL);
  assert_exit (&run, 0);

  masked = gd_mask_id_number (f->head_id_number);
  store = gd_store_open (f->db, &error);
  g_assert_no_error (error);
  audit = gd_store_get_audit (store, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      GdAuditEntry *entry = audit->pdata[i];

      g_test_message ("%s: %s", entry->action, entry->detail ? entry->detail : "");
      assert_not_contains (entry->detail, f->head_id_number);
      assert_not_contains (entry->detail, "13812345678");
      if (g_strcmp0 (entry->action, "reveal") == 0 && entry->detail != NULL
          && strstr (entry->detail, masked) != NULL)
        {
          /* what was revealed: the household (and member) found */
          assert_contains (entry->detail, f->household_id);
          logged = TRUE;
        }
    }
  g_assert_true (logged);
}

/* ---- incidents ------------------------------------------------------------------------ */

static void
test_incident_transition (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  JsonObject *doc;
  JsonArray *timeline;
  JsonObject *entry;

  populate (f);
  id = put_text (f, "incident", incident_json, 0, &run);
  g_assert_true (g_str_has_prefix (id, "incident:"));

  ctl (f, &run, "incident", "transition", id, "--to", "dispatched", "--by", "张三", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, id);
  assert_contains (run.out, "dispatched");

  ctl (f, &run, "get", "incident", id, NULL);
  assert_exit (&run, 0);
  before = g_strdup (run.out);
  node = parse_json (run.out);
  doc = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "dispatched");
  timeline = json_object_get_array_member (doc, "timeline");
  g_assert_nonnull (timeline);
  g_assert_cmpuint (json_array_get_length (timeline), >=, 1);
  entry = json_array_get_object_element (timeline, json_array_get_length (timeline) - 1);
  /* the local system user, not the --by it gave (CLI.md: --as NAME signs in) */
  {
    g_autofree char *local = g_strdup_printf ("local:%s", g_get_user_name ());
    g_assert_cmpstr (json_object_get_string_member (entry, "by"), ==, local);
  }
  g_assert_cmpstr (json_object_get_string_member (entry, "from"), ==, "registered");
  g_assert_cmpstr (json_object_get_string_member (entry, "to"), ==, "dispatched");
  g_assert_true (json_object_has_member (entry, "at"));
  g_assert_true (json_object_has_member (entry, "id"));

  ctl (f, &run, "list", "incident", "--status", "dispatched", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, id);
  ctl (f, &run, "list", "incident", "--status", "registered", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "");
  /* the reporter's phone is masked in lists, whole in get */
  ctl (f, &run, "list", "incident", "--json", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, id);
  assert_not_contains (run.out, "13700001111");
  assert_contains (before, "13700001111");

  /* an illegal move: dispatched cannot be archived */
  ctl (f, &run, "incident", "transition", id, "--to", "archived", "--by", "张三", NULL);
  assert_exit (&run, 1);
  g_assert_cmpstr (run.out, ==, "");
  ctl (f, &run, "get", "incident", id, NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, before);

  /* returning needs a note */
  ctl (f, &run, "incident", "transition", id, "--to", "returned", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "note");
  ctl (f, &run, "get", "incident", id, NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, before);

  /* unknown status */
  ctl (f, &run, "incident", "transition", id, "--to", "teleported", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "teleported");

  /* missing --to, missing ID, unknown subcommand */
  ctl (f, &run, "incident", "transition", id, NULL);
  assert_exit (&run, 2);
  assert_contains (run.err, "--to");
  ctl (f, &run, "incident", "transition", "--to", "dispatched", NULL);
  assert_exit (&run, 2);
  ctl (f, &run, "incident", "teleport", id, "--to", "dispatched", NULL);
  assert_exit (&run, 2);

  /* no such incident */
  ctl (f, &run, "incident", "transition", "incident:no-such-incident", "--to", "dispatched", NULL);
  assert_exit (&run, 1);

  ctl (f, &run, "get", "incident", id, NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, before);

  /* the next legal step still works */
  ctl (f, &run, "incident", "transition", id, "--to", "in_progress", "--note", "已联系物业",
       "--by", "张三", NULL);
  assert_exit (&run, 0);
  ctl (f, &run, "get", "incident", id, NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "\"in_progress\"");
  assert_contains (run.out, "已联系物业");
}

/* ---- idcheck -------------------------------------------------------------------------- */

static void
test_idcheck (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *results;
  JsonObject *good, *bad;

  ctl_raw (f, &run, "idcheck", "11010519491231002X", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "11010519491231002X valid\n");

  /* a lower-case x is the same character */
  ctl_raw (f, &run, "idcheck", "11010519491231002x", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "valid");

  ctl_raw (f, &run, "idcheck", "110105194912310021", NULL);
  assert_exit (&run, 1);
  assert_contains (run.out, "110105194912310021 invalid check digit should be X");

  /* one bad number among good ones makes the status 1 */
  ctl_raw (f, &run, "idcheck", "11010519491231002X", "110105194912310021", NULL);
  assert_exit (&run, 1);
  assert_contains (run.out, "11010519491231002X valid\n");
  assert_contains (run.out, "110105194912310021 invalid");

  ctl_raw (f, &run, "idcheck", "1101051949123100", NULL);
  assert_exit (&run, 1);
  assert_contains (run.out, "invalid");

  ctl_raw (f, &run, "idcheck", "--json", "11010519491231002X", "110105194912310021", NULL);
  assert_exit (&run, 1);
  node = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  results = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  good = json_array_get_object_element (results, 0);
  bad = json_array_get_object_element (results, 1);
  g_assert_cmpstr (json_object_get_string_member (good, "number"), ==, "11010519491231002X");
  g_assert_true (json_object_get_boolean_member (good, "valid"));
  g_assert_true (json_object_has_member (good, "reason"));
  g_assert_true (json_object_get_null_member (good, "reason"));
  g_assert_cmpstr (json_object_get_string_member (good, "birth_date"), ==, "1949-12-31");
  g_assert_cmpstr (json_object_get_string_member (good, "sex"), ==, "female");
  g_assert_cmpstr (json_object_get_string_member (bad, "number"), ==, "110105194912310021");
  g_assert_false (json_object_get_boolean_member (bad, "valid"));
  assert_contains (json_object_get_string_member (bad, "reason"), "check digit should be X");
  g_assert_true (json_object_has_member (bad, "birth_date"));
  g_assert_true (json_object_has_member (bad, "sex"));
  g_clear_pointer (&node, json_node_unref);

  ctl_raw (f, &run, "idcheck", "--json", "11010519491231002X", NULL);
  assert_exit (&run, 0);

  /* credit codes (GB 32100) are told apart from ID numbers and checked as such */
  ctl_raw (f, &run, "idcheck", "91350100M000100Y43", "11010519491231002X", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "91350100M000100Y43 valid credit_code\n11010519491231002X valid\n");
  ctl_raw (f, &run, "idcheck", "91350100M000100Y44", NULL);
  assert_exit (&run, 1);
  g_assert_cmpstr (run.out, ==,
                   "91350100M000100Y44 invalid credit_code: check character should be 3\n");
  ctl_raw (f, &run, "idcheck", "--json", "92320902MA1NPQ3R7A", "9232090IMA1NPQ3R7A", NULL);
  assert_exit (&run, 1);
  node = parse_json (run.out);
  results = json_node_get_array (node);
  good = json_array_get_object_element (results, 0);
  bad = json_array_get_object_element (results, 1);
  g_assert_cmpstr (json_object_get_string_member (good, "kind"), ==, "credit_code");
  g_assert_true (json_object_get_boolean_member (good, "valid"));
  g_assert_cmpstr (json_object_get_string_member (good, "category"), ==, "92");
  g_assert_cmpstr (json_object_get_string_member (good, "category_name"), ==, "个体工商户");
  g_assert_cmpstr (json_object_get_string_member (good, "division"), ==, "320902");
  g_assert_cmpstr (json_object_get_string_member (bad, "kind"), ==, "credit_code");
  g_assert_false (json_object_get_boolean_member (bad, "valid"));
  g_assert_cmpstr (json_object_get_string_member (bad, "reason"), ==,
                   "character 8 'I' is not allowed (no I, O, S, V or Z)");
  g_clear_pointer (&node, json_node_unref);

  ctl_raw (f, &run, "idcheck", NULL);
  assert_exit (&run, 2);
}

/* ---- organisations --------------------------------------------------------------------- */

static const char restaurant_json[] =
  "{\"type\": \"organisation\", \"grid\": \"" GRID "\", \"name\": \"老胡家常菜馆\","
  " \"kind\": \"enterprise\", \"premises\": \"small_restaurant\","
  " \"credit_code\": \"91320902MA1MXK2L8D\","
  " \"representative\": {\"name\": \"胡建国\", \"phone\": \"13951234567\"},"
  " \"address\": \"新兴村商业街8号\", \"status\": \"operating\"}";

static const char shop_json[] =
  "{\"type\": \"organisation\", \"grid\": \"" GRID_2 "\", \"name\": \"程记五金店\","
  " \"kind\": \"individual_business\", \"premises\": \"small_shop\","
  " \"representative\": {\"name\": \"程立\"}, \"status\": \"operating\","
  " \"inspections\": [{\"id\": \"i1\", \"at\": \"2026-11-01T02:00:00Z\","
  " \"inspectors\": [\"韩佳\"], \"rectify_by\": \"2026-11-10\","
  " \"checklist\": [{\"item\": \"extinguishers\", \"result\": \"hazard\"},"
  " {\"item\": \"escape_routes\", \"result\": \"hazard\"},"
  " {\"item\": \"electrical_wiring\", \"result\": \"hazard\"}]}],"
  " \"risk\": {\"level\": \"high\", \"inspection\": \"i1\"}}";

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_organisations (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *grid_2 = grid_json (GRID_2, "第二网格");
  g_autofree char *restaurant = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *before = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *hit;

  populate (f);
  g_free (put_text (f, "grid", grid_2, 0, &run));
  restaurant = put_text (f, "organisation", restaurant_json, 0, &run);
  shop = put_text (f, "organisation", shop_json, 0, &run);
  g_assert_true (g_str_has_prefix (restaurant, "organisation:"));
  g_assert_cmpint (count (f, "organisations"), ==, 2);

  ctl (f, &run, "get", "organisation", restaurant, NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "老胡家常菜馆");

  /* list, with the register's filters */
  ctl (f, &run, "list", "organisation", NULL);
  assert_exit (&run, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  assert_contains (run.out, "\t老胡家常菜馆\tsmall_restaurant\toperating\n");
  ctl (f, &run, "list", "organisation", "--premises", "small_restaurant", NULL);
  assert_exit (&run, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  assert_contains (run.out, restaurant);
  ctl (f, &run, "list", "organisation", "--premises", "small_premises", NULL); /* 九小场所 */
  assert_exit (&run, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  ctl (f, &run, "list", "organisation", "--kind", "individual_business", NULL);
  assert_exit (&run, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  assert_contains (run.out, shop);
  ctl (f, &run, "list", "organisation", "--risk", "high", "--grid", GRID_2, NULL);
  assert_exit (&run, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  ctl (f, &run, "list", "organisation", "--risk", "high", "--grid", GRID, NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "");
  ctl (f, &run, "list", "organisation", "--overdue-on", "2026-11-20", "--json", NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  ctl (f, &run, "list", "organisation", "--overdue-on", "2026-11-05", NULL);
  assert_exit (&run, 0);
  g_assert_cmpstr (run.out, ==, "");
  ctl (f, &run, "list", "organisation", "--kind", "farm", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "kind: 'farm' is not in the organisation-kinds code list");
  ctl (f, &run, "list", "household", "--kind", "enterprise", NULL);
  assert_exit (&run, 2);
  ctl (f, &run, "list", "organisation", "--overdue-on", "soon", NULL);
  assert_exit (&run, 2);

  /* search finds them by name, pinyin, credit code, representative and phone tail */
  ctl (f, &run, "search", "家常菜", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "organisation\t老胡家常菜馆\t91320902MA1MXK2L8D\t");
  assert_contains (run.out, restaurant);
  ctl (f, &run, "search", "lhjccg", NULL);
  assert_contains (run.out, restaurant);
  ctl (f, &run, "search", "91320902MA1M", NULL);
  assert_contains (run.out, restaurant);
  ctl (f, &run, "search", "程立", NULL);
  assert_contains (run.out, shop);
  ctl (f, &run, "search", "--json", "4567", NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  hit = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (hit, "kind"), ==, "organisation");
  g_assert_cmpstr (json_object_get_string_member (hit, "organisation"), ==, restaurant);
  g_assert_cmpstr (json_object_get_string_member (hit, "matched"), ==, "phone");
  g_assert_cmpstr (json_object_get_string_member (hit, "credit_code"), ==, "91320902MA1MXK2L8D");

  /* an inspection with two hazards: two incidents; a bad one: nothing */
  {
    g_autofree char *good_path = write_input (f,
      "{\"inspectors\": [\"韩佳\"], \"rectify_by\": \"2026-12-31\", \"checklist\": ["
      "{\"item\": \"gas\", \"result\": \"hazard\"}, {\"item\": \"extinguishers\", \"result\": \"hazard\"},"
      "{\"item\": \"escape_routes\", \"result\": \"passed\"}]}");
    g_autofree char *bad_path = write_input (f,
      "{\"inspectors\": [\"韩佳\"], \"rectify_by\": \"2026-12-31\", \"checklist\": ["
      "{\"item\": \"gas\", \"result\": \"hazard\"}, {\"item\": \"unicorns\", \"result\": \"passed\"}]}");
    gint64 incidents = count (f, "incidents");

    ctl (f, &run, "organisation", "inspect", restaurant, bad_path, NULL);
    assert_exit (&run, 1);
    assert_contains (run.err, "checklist[1].item");
    g_assert_cmpint (count (f, "incidents"), ==, incidents);

    ctl (f, &run, "organisation", "inspect", restaurant, good_path, "--by", "韩佳", NULL);
    assert_exit (&run, 0);
    assert_contains (run.out, restaurant);
    g_assert_cmpint (count (f, "incidents"), ==, incidents + 2);
    ctl (f, &run, "list", "organisation", "--risk", "medium", NULL);
    assert_contains (run.out, restaurant);

    ctl (f, &run, "organisation", "risk", restaurant, "--level", "low", "--reason", " ", NULL);
    assert_exit (&run, 1);
    assert_contains (run.err, "risk.reason");
    ctl (f, &run, "organisation", "risk", restaurant, "--level", "low", "--reason", "已整改到位", NULL);
    assert_exit (&run, 0);
    ctl (f, &run, "list", "organisation", "--risk", "low", NULL);
    assert_contains (run.out, restaurant);
    ctl (f, &run, "organisation", "inspect", NULL);
    assert_exit (&run, 2);
  }

  /* refused with the field's path, nothing written */
  before = snapshot (f);
  bad = g_strdup (restaurant_json);
  strstr (bad, "L8D")[2] = 'E'; /* the final check character */
  put_text (f, "organisation", bad, 1, &run);
  assert_refused (f, before, &run, "credit_code: check character should be D");
  g_assert_cmpint (count (f, "organisations"), ==, 2);
}

/* ---- stats ---------------------------------------------------------------------------- */

static void
test_stats (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *grid = grid_json (GRID_2, "第二网格");
  JsonObject *root, *counts;

  populate (f);
  g_free (put_text (f, "grid", grid, 0, &run));
  incident = put_text (f, "incident", incident_json, 0, &run);
  ctl (f, &run, "incident", "transition", incident, "--to", "dispatched", "--by", "张三", NULL);
  assert_exit (&run, 0);

  node = stats (f);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "scope"), ==, VILLAGE);
  g_assert_cmpstr (json_object_get_string_member (root, "scope_name"), ==, VILLAGE_NAME);
  counts = json_object_get_object_member (root, "counts");
  g_assert_cmpint (int_member (counts, "households"), ==, 1);
  g_assert_cmpint (int_member (counts, "persons"), ==, 2);
  g_assert_cmpint (int_member (counts, "grids"), ==, 2);
  g_assert_cmpint (int_member (counts, "villages"), ==, 1);
  g_assert_cmpint (int_member (counts, "incidents"), ==, 1);
  g_assert_cmpint (int_member (counts, "disputes"), ==, 0);
  g_assert_cmpint (int_member (counts, "patrols"), ==, 0);
  g_assert_cmpint (int_member (counts, "mediators"), ==, 0);
  g_assert_cmpint (int_member (counts, "components"), ==, 0);
  g_assert_cmpint (int_member (json_object_get_object_member (json_object_get_object_member (root, "incidents"),
                                                              "by_status"), "dispatched"), ==, 1);
  g_assert_cmpint (int_member (json_object_get_object_member (root, "incidents"), "reported"), ==, 1);
  g_clear_pointer (&node, json_node_unref);

  /* the period takes the report date */
  ctl (f, &run, "stats", "--json", "--from", "2026-06-01", "--to", "2026-06-01", NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  g_assert_cmpint (int_member (json_object_get_object_member (json_node_get_object (node), "incidents"),
                               "reported"), ==, 1);
  g_clear_pointer (&node, json_node_unref);
  ctl (f, &run, "stats", "--json", "--from", "2026-07-01", NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  g_assert_cmpint (int_member (json_object_get_object_member (json_node_get_object (node), "incidents"),
                               "reported"), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  /* for people */
  ctl (f, &run, "stats", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, VILLAGE);
  assert_contains (run.out, "households");

  /* bad dates */
  ctl (f, &run, "stats", "--from", "2026-13-01", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "2026-13-01");
  ctl (f, &run, "stats", "--json", "--to", "2026-02-30", NULL);
  assert_exit (&run, 1);
  g_assert_cmpstr (run.out, ==, "");
  ctl (f, &run, "stats", "extra", NULL);
  assert_exit (&run, 2);
}

/* ---- check ---------------------------------------------------------------------------- */

static void
test_check (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *junk_path = g_build_filename (f->dir, "junk.sqlite", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "x.sqlite", NULL);
  Fixture junk = { .dir = f->dir, .db = junk_path };
  Fixture nowhere = { .dir = f->dir, .db = missing };
  static const char bytes[] = "This is not an SQLite database, just junk bytes.\n\x01\x02\x03\xff\xfe";

  populate (f);
  ctl (f, &run, "check", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "ok:");
  assert_contains (run.out, "0 errors");
  ctl (f, &run, "check", "--json", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "\"ok\" : true");
  assert_contains (run.out, "\"problems\" : [");

  /* a query table that drifted from its documents is found and named */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM persons WHERE position = 1", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }
  ctl (f, &run, "check", NULL);
  assert_exit (&run, 1);
  assert_contains (run.out, "error index: persons: documents say");
  /* and the search rows those persons had: in the index, not in its content */
  assert_contains (run.out, "error index: search index: it does not hold exactly");
  assert_contains (run.out, "damaged: 2 errors");

  g_file_set_contents (junk_path, bytes, sizeof bytes, &error);
  g_assert_no_error (error);
  ctl (&junk, &run, "check", NULL);
  assert_exit (&run, 3);
  g_assert_cmpstr (run.err, !=, "");
  assert_not_contains (run.out, "ok:");
  ctl (&junk, &run, "list", "household", NULL);
  assert_exit (&run, 3);
  ctl (&junk, &run, "stats", "--json", NULL);
  assert_exit (&run, 3);
  ctl (&junk, &run, "init", "--village", VILLAGE, "--name", VILLAGE_NAME, NULL);
  assert_exit (&run, 3);
  {
    g_autofree char *g = grid_json (GRID, "第一网格");
    g_autofree char *path = write_input (f, g);
    ctl (&junk, &run, "put", "grid", path, NULL);
    assert_exit (&run, 3);
  }
  /* none of that touched the file */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_file_get_contents (junk_path, &contents, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (contents, length, bytes, sizeof bytes);
  }

  /* a directory that does not exist */
  ctl (&nowhere, &run, "check", NULL);
  assert_exit (&run, 3);
}

/* ---- demo ----------------------------------------------------------------------------- */

static void
test_demo (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *counts;
  gint64 households, persons;

  /* usage first: no data needed */
  ctl (f, &run, "demo", "--scale", "city", NULL);
  assert_exit (&run, 2);
  assert_contains (run.err, "city");
  ctl (f, &run, "demo", "--seed", "-3", NULL);
  assert_exit (&run, 2);

  ctl (f, &run, "demo", "--scale", "village", "--seed", "7", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "households");

  node = stats (f);
  counts = json_object_get_object_member (json_node_get_object (node), "counts");
  households = int_member (counts, "households");
  persons = int_member (counts, "persons");
  g_test_message ("demo village seed 7: %" G_GINT64_FORMAT " households, %" G_GINT64_FORMAT
                  " persons, %" G_GINT64_FORMAT " grids, %" G_GINT64_FORMAT " incidents",
                  households, persons, int_member (counts, "grids"), int_member (counts, "incidents"));
  g_assert_cmpint (households, >=, 2500);
  g_assert_cmpint (households, <=, 3500);
  g_assert_cmpint (persons, >, households);
  g_assert_cmpint (int_member (counts, "grids"), >=, 5);
  g_assert_cmpint (int_member (counts, "villages"), ==, 1);
  g_assert_cmpint (int_member (counts, "incidents"), >, 0);
  g_clear_pointer (&node, json_node_unref);

  /* only into an empty database; the failed second run changes nothing */
  {
    g_autofree char *before = snapshot (f);
    g_autofree char *after = NULL;

    ctl (f, &run, "demo", "--scale", "village", "--seed", "7", NULL);
    assert_exit (&run, 1);
    after = snapshot (f);
    g_assert_true (g_str_equal (before, after));
  }

  /* same seed, same data: a second fresh database gets the same counts */
  {
    g_autofree char *db2 = g_build_filename (f->dir, "again.sqlite", NULL);
    g_autofree char *db3 = g_build_filename (f->dir, "initialised.sqlite", NULL);
    Fixture again = { .dir = f->dir, .db = db2 };
    Fixture initialised = { .dir = f->dir, .db = db3 };
    g_autoptr(JsonNode) first = stats (f);
    g_autoptr(JsonNode) second = NULL;
    g_autoptr(JsonNode) first_counts = json_node_new (JSON_NODE_OBJECT);
    g_autoptr(JsonNode) second_counts = json_node_new (JSON_NODE_OBJECT);
    g_autofree char *first_text = NULL;
    g_autofree char *second_text = NULL;

    ctl (&again, &run, "demo", "--seed", "7", NULL);
    assert_exit (&run, 0);
    second = stats (&again);
    json_node_set_object (first_counts, json_object_get_object_member (json_node_get_object (first), "counts"));
    json_node_set_object (second_counts, json_object_get_object_member (json_node_get_object (second), "counts"));
    first_text = json_to_string (first_counts, FALSE);
    second_text = json_to_string (second_counts, FALSE);
    g_assert_cmpstr (first_text, ==, second_text);

    /* not into a database that `init` already gave a village */
    init_village (&initialised);
    ctl (&initialised, &run, "demo", NULL);
    assert_exit (&run, 1);
    g_assert_cmpint (count (&initialised, "households"), ==, 0);
  }

  /* what it made passes the store's own check */
  ctl (f, &run, "check", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "ok:");

  /* and search works on it */
  ctl (f, &run, "search", "wang", "--json", "--limit", "5", NULL);
  assert_exit (&run, 0);
  node = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
}

/* ---- main ----------------------------------------------------------------------------- */

/* ---- accounts and signing in (--as) ----------------------------------------------------- */

/* griddesk-ctl --db DB --as NAME --password-env VAR args... */
static void
ctl_as (Fixture *f, Run *run, const char *name, const char *password_env, ...) G_GNUC_NULL_TERMINATED;
static void
ctl_as (Fixture *f, Run *run, const char *name, const char *password_env, ...)
{
  va_list ap;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (args, (gpointer) "--as");
  g_ptr_array_add (args, (gpointer) name);
  g_ptr_array_add (args, (gpointer) "--password-env");
  g_ptr_array_add (args, (gpointer) password_env);
  va_start (ap, password_env);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  /* at most 12 arguments after the sign-in: enough for these tests */
  g_assert_cmpuint (args->len, <=, 16);
  g_ptr_array_set_size (args, 17);
  ctl (f, run, args->pdata[0], args->pdata[1], args->pdata[2], args->pdata[3], args->pdata[4],
       args->pdata[5], args->pdata[6], args->pdata[7], args->pdata[8], args->pdata[9],
       args->pdata[10], args->pdata[11], args->pdata[12], args->pdata[13], args->pdata[14],
       args->pdata[15], NULL);
}

/* The actions of the audit log, oldest first, as "actor action" lines. */
static char *
audit_actions (Fixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *lines = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT actor, action FROM audit_log ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (lines, "%s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (lines, FALSE);
}

/* init, grid 001 with a household, grid 002 with another; the administrator and a grid
 * worker of grid 001. Returns the other grid's household id. */
static char *
populate_accounts (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autofree char *grid = grid_json (GRID_2, "第二网格");
  g_autofree char *grid_id = NULL;
  g_autofree char *head = id_number ("19800101", 31);
  g_autofree char *spouse = id_number ("19810202", 42);
  g_autoptr(JsonObject) household = household_new ("XX-0002", head, spouse);

  populate (f);
  grid_id = put_text (f, "grid", grid, 0, &run);
  json_object_set_string_member (household, "grid", GRID_2);
  g_setenv ("GD_TEST_PW_ADMIN", "管理员的密码 1", TRUE);
  g_setenv ("GD_TEST_PW_WANG", "wang's password", TRUE);
  g_setenv ("GD_TEST_PW_WRONG", "not the password", TRUE);

  /* the first account must be an administrator, and needs no --as */
  ctl (f, &run, "account", "add", "wang", "--role", "grid_worker", "--grid", GRID,
       "--password-env", "GD_TEST_PW_WANG", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "must be an administrator");
  ctl (f, &run, "account", "add", "admin", "--role", "administrator", "--role", "centre_operator",
       "--display-name", "李建国", "--password-env", "GD_TEST_PW_ADMIN", NULL);
  assert_exit (&run, 0);
  /* the second needs an administrator signed in */
  ctl (f, &run, "account", "add", "wang", "--role", "grid_worker", "--grid", GRID,
       "--password-env", "GD_TEST_PW_WANG", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "administrator");
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "add", "wang", "--role", "grid_worker",
          "--grid", GRID, "--display-name", "王网格", "--password-env", "GD_TEST_PW_WANG", NULL);
  assert_exit (&run, 0);
  return put_object (f, "household", household, 0, &run);
}

static void
test_account_scope (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *theirs = populate_accounts (f);
  g_autofree char *mine_text = NULL;
  g_autofree char *mine_path = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) other = NULL;

  /* a wrong password: exit 1, nothing listed */
  ctl_as (f, &run, "wang", "GD_TEST_PW_WRONG", "list", "household", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "wrong name or password");
  g_assert_cmpstr (run.out, ==, "");
  /* and then wang waits a second, even with the right one */
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "list", "household", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "try again in 1 second");
  g_usleep (1100 * 1000);
  /* --password-env before the command goes with --as */
  ctl (f, &run, "--password-env", "GD_TEST_PW_WANG", "list", "household", NULL);
  assert_exit (&run, 2);

  /* the grid worker: their grid's household only, in list, search and get */
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "list", "household", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "XX-0001");
  assert_not_contains (run.out, "XX-0002");
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "search", "欧阳玲巧", "--json", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, f->household_id);
  assert_not_contains (run.out, theirs);
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "get", "household", theirs, NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "outside your data scope");

  /* writes: their own household, as wang whatever --by says; not the other grid's */
  ctl (f, &run, "get", "household", theirs, NULL);
  assert_exit (&run, 0);
  other = json_node_get_object (json_from_string (run.out, NULL));
  json_object_set_string_member (other, "address", "改掉的地址");
  g_free (put_object (f, "household", other, 0, &run)); /* the owner of the file may */
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "get", "household", f->household_id, NULL);
  assert_exit (&run, 0);
  mine = json_node_get_object (json_from_string (run.out, NULL));
  json_object_set_string_member (mine, "address", "新地址 8 号");
  mine_text = object_to_text (mine);
  mine_path = write_input (f, mine_text);
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "put", "household", mine_path, "--by", "张三", NULL);
  assert_exit (&run, 0);
  ctl (f, &run, "get", "household", f->household_id, NULL);
  assert_contains (run.out, "\"updated_by\" : \"wang\"");
  {
    g_autofree char *other_text = object_to_text (other);
    g_autofree char *other_path = write_input (f, other_text);

    ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "put", "household", other_path, NULL);
    assert_exit (&run, 1);
    assert_contains (run.err, "outside their data scope");
  }

  /* an incident moves in the roles the account holds, and the timeline names the account */
  {
    g_autofree char *incident = put_text (f, "incident", incident_json, 0, &run);

    ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "incident", "transition", incident,
            "--to", "dispatched", NULL);
    assert_exit (&run, 1);
    assert_contains (run.err, "grid worker");
    ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "incident", "transition", incident,
            "--to", "dispatched", "--role", "centre_operator", NULL);
    assert_exit (&run, 1);
    assert_contains (run.err, "does not hold the role centre_operator");
    ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "incident", "transition", incident,
            "--to", "dispatched", "--by", "张三", NULL);
    assert_exit (&run, 0);
    ctl (f, &run, "get", "incident", incident, NULL);
    assert_contains (run.out, "\"by\" : \"admin\"");
    assert_not_contains (run.out, "张三");
  }

  /* without --as: the local system user, recorded as such, everything in a file of theirs */
  ctl (f, &run, "list", "household", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "XX-0002");
  ctl (f, &run, "get", "household", theirs, NULL);
  {
    g_autofree char *local = g_strdup_printf ("\"updated_by\" : \"local:%s\"", g_get_user_name ());
    assert_contains (run.out, local);
  }

  /* and every sign-in, failed or not, is on the record; the chain checks clean */
  {
    g_autofree char *actions = audit_actions (f);
    g_autofree char *first = g_strdup_printf ("local:%s account-add\n", g_get_user_name ());
    assert_contains (actions, first);
    assert_contains (actions, "admin account-add\n");
    assert_contains (actions, "admin sign-in\n");
    assert_contains (actions, "wang sign-in-failed\n");
    assert_contains (actions, "wang sign-in\n");
    assert_contains (actions, "wang update\n");
  }
  ctl (f, &run, "check", NULL);
  assert_exit (&run, 0);
}

static void
test_account_admin (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *theirs = populate_accounts (f);

  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "list", "--json", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "\"name\" : \"wang\"");
  assert_contains (run.out, "\"display_name\" : \"王网格\"");
  assert_contains (run.out, "\"grid_worker\"");
  assert_contains (run.out, GRID);
  assert_not_contains (run.out, "argon2");
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "list", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "admin\t李建国\tcentre_operator administrator\t-\n");

  /* an edit: wang also mediates, and serves a second grid */
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "edit", "wang", "--role", "grid_worker",
          "--role", "mediator", "--grid", GRID, "--grid", GRID_2, NULL);
  assert_exit (&run, 0);
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "list", NULL);
  assert_contains (run.out, "wang\t王网格\tgrid_worker mediator\t" GRID "," GRID_2 "\n");
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "edit", "admin", "--role", "mediator", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "last enabled administrator");

  /* the last administrator stays; a grid worker changes no one but themselves */
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "disable", "admin", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "last enabled administrator");
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "account", "disable", "admin", NULL);
  assert_exit (&run, 1);
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "account", "passwd", "admin",
          "--password-env", "GD_TEST_PW_WANG", NULL);
  assert_exit (&run, 1);

  /* a reset password: the old one no longer signs in, the new one does */
  g_setenv ("GD_TEST_PW_NEW", "a brand new password", TRUE);
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "passwd", "wang",
          "--password-env", "GD_TEST_PW_NEW", NULL);
  assert_exit (&run, 0);
  ctl_as (f, &run, "wang", "GD_TEST_PW_WANG", "list", "household", NULL);
  assert_exit (&run, 1);
  ctl_as (f, &run, "wang", "GD_TEST_PW_NEW", "list", "household", NULL);
  /* the failure just before makes wang wait a second */
  if (run.status == 1)
    {
      assert_contains (run.err, "try again");
      g_usleep (1100 * 1000);
      ctl_as (f, &run, "wang", "GD_TEST_PW_NEW", "list", "household", NULL);
    }
  assert_exit (&run, 0);
  ctl_as (f, &run, "wang", "GD_TEST_PW_NEW", "audit", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "only an administrator");

  /* disabled: no sign-in */
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "disable", "wang", NULL);
  assert_exit (&run, 0);
  ctl_as (f, &run, "wang", "GD_TEST_PW_NEW", "list", "household", NULL);
  assert_exit (&run, 1);
  assert_contains (run.err, "disabled");

  /* the log, as the administrator reads it; not as a grid worker */
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "audit", "--action", "account-", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "\tadmin\taccount-disable\taccount:wang\t");
  assert_contains (run.out, "\tadmin\taccount-password\taccount:wang\t");
  assert_not_contains (run.out, "sign-in");
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "audit", "--actor", "wang", "--action",
          "sign-in-failed", "--json", NULL);
  assert_exit (&run, 0);
  assert_contains (run.out, "\"record\" : \"account:wang\"");
  assert_contains (run.out, "\"detail\" : \"account disabled\"");
  {
    g_autofree char *csv_path = g_build_filename (f->dir, "audit.csv", NULL);
    g_autofree char *csv = NULL;

    ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "audit", "--action", "account-", "-o", csv_path, NULL);
    assert_exit (&run, 0);
    assert_contains (run.out, "entries written to");
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    assert_contains (csv, ",admin,account-disable,account:wang,");
    ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "audit", "--action", "export", NULL);
    assert_contains (run.out, "\tadmin\texport\t-\taudit log: ");
  }
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "audit", "--from", "2026-02-30", NULL);
  assert_exit (&run, 1);

  /* bad input and usage */
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "add", "x", "--role", "boss",
          "--password-env", "GD_TEST_PW_NEW", NULL);
  assert_exit (&run, 1);
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "add", "x",
          "--password-env", "GD_TEST_PW_NEW", NULL);
  assert_exit (&run, 2);
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "add", "x", "--role", "mediator",
          "--password-env", "GD_TEST_UNSET_VARIABLE", NULL);
  assert_exit (&run, 2);
  ctl_as (f, &run, "admin", "GD_TEST_PW_ADMIN", "account", "frobnicate", NULL);
  assert_exit (&run, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ctl_path = g_getenv ("GRIDDESK_CTL");
  if (ctl_path == NULL || *ctl_path == '\0')
    {
      /* run by hand from the build dir */
      static char *guess;
      guess = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "..", "src", "cli",
                                "griddesk-ctl", NULL);
      ctl_path = guess;
    }
  if (!g_file_test (ctl_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("griddesk-ctl not found at %s: set GRIDDESK_CTL", ctl_path);

  /* the children: UTF-8 arguments, a known operator, the default role */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GRIDDESK_OPERATOR", "test-cli", TRUE);
  g_unsetenv ("GRIDDESK_ROLE");
  setlocale (LC_ALL, "");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/init", test_init);
  ADD ("/cli/init/bad-code", test_init_bad_code);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/put/grid", test_put_grid);
  ADD ("/cli/put/household", test_put_household);
  ADD ("/cli/put/update", test_put_update);
  ADD ("/cli/put/refused", test_put_refused);
  ADD ("/cli/put/strict-json", test_put_strict_json);
  ADD ("/cli/put/limits", test_put_limits);
  ADD ("/cli/put/warning", test_put_warning);
  ADD ("/cli/put/uninitialised", test_put_uninitialised);
  ADD ("/cli/delete", test_delete);
  ADD ("/cli/search", test_search);
  ADD ("/cli/list/masks-phones", test_list_masks_phones);
  ADD ("/cli/search/reveal-audit", test_search_reveal_audit);
  ADD ("/cli/incident/transition", test_incident_transition);
  ADD ("/cli/idcheck", test_idcheck);
  ADD ("/cli/organisations", test_organisations);
  ADD ("/cli/stats", test_stats);
  ADD ("/cli/check", test_check);
  ADD ("/cli/demo", test_demo);
  ADD ("/cli/account/scope", test_account_scope);
  ADD ("/cli/account/admin", test_account_admin);
#undef ADD

  return g_test_run ();
}
