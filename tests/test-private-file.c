/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-test-private-file"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gd-private-file.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gd-private-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* under umask 000 a plain fopen would make 0666: the document must still be owner-only,
 * and a 0644 file already at the target is replaced by a 0600 one */
static void
test_commit_is_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "agreement.pdf", NULL);
  g_autofree char *tmp = NULL;
  mode_t old = umask (0);

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  tmp = gd_private_file_begin (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (tmp), ==, 0600);
  g_assert_true (g_str_has_prefix (tmp, dir));
  /* a writer that recreates the file by path, as cairo and libxlsxwriter may */
  g_assert_cmpint (g_unlink (tmp), ==, 0);
  g_assert_true (g_file_set_contents (tmp, "new", -1, NULL));
  g_assert_cmpint (g_chmod (tmp, 0666), ==, 0);

  g_assert_true (gd_private_file_commit (tmp, path, &error));
  g_assert_no_error (error);
  umask (old);

  g_assert_cmpuint (mode_of (path), ==, 0600);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "new");
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* a cancelled write leaves nothing behind, not even the target's old version touched */
static void
test_abort_leaves_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "export.xlsx", NULL);
  g_autofree char *tmp = gd_private_file_begin (path, &error);
  g_autoptr(GDir) listing = NULL;

  g_assert_no_error (error);
  gd_private_file_abort (tmp);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_rmdir (dir);
}

static void
test_missing_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = gd_private_file_begin ("/nonexistent-folder/x.pdf", &error);

  g_assert_null (tmp);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/private-file/commit-is-private", test_commit_is_private);
  g_test_add_func ("/private-file/abort-leaves-nothing", test_abort_leaves_nothing);
  g_test_add_func ("/private-file/missing-folder", test_missing_folder);
  return g_test_run ();
}
