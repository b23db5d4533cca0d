/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-test-import.h: fixtures written by openpyxl and Python's codecs (tests/import/make-fixtures.py),
 * run with Debian's /usr/bin/python3 at test time. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* Runs make-fixtures.py with `args` (NULL-terminated); returns its JSON summary. */
static inline JsonNode *
import_fixture_make (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonNode *node;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "import", "make-fixtures.py", NULL));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-fixtures.py failed: %s", err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}
