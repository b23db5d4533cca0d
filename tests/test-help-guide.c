/* test-help-guide.c: the user guide's pages (issue 20) are in the resources, each reads as
 * Chinese text with a title and a heading, and a page that is not well-formed is refused.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-help-guide"

#include "config.h"

#include <string.h>

#include "gd-help-window.h"
#include "gd-resources.h"

static const char *const pages[] = {
  "index", "households", "organisations", "incidents", "map", "mediation", "keys",
};

static char *
page_text (GPtrArray *blocks)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i + 1 < blocks->len; i += 2)
    g_string_append_printf (text, "%s:%s\n", (char *) blocks->pdata[i], (char *) blocks->pdata[i + 1]);
  return g_string_free (text, FALSE);
}

static void
test_pages (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/help/%s.html", pages[i]);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(GPtrArray) blocks = NULL;
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *data;

      g_assert_nonnull (bytes);
      data = g_bytes_get_data (bytes, &size);
      g_assert_true (gd_help_page_parse (data, (gssize) size, &blocks, &title, &error));
      g_assert_no_error (error);
      g_assert_nonnull (title);
      g_assert_cmpuint (blocks->len, >=, 6);
      g_assert_cmpstr (blocks->pdata[0], ==, "h1");
      text = page_text (blocks);
      /* each block is Pango markup a label takes */
      for (guint j = 1; j < blocks->len; j += 2)
        g_assert_true (pango_parse_markup (blocks->pdata[j], -1, 0, NULL, NULL, NULL, NULL));
      if (g_str_equal (pages[i], "keys"))
        {
          g_assert_nonnull (strstr (text, "<tt>F1</tt>"));
          g_assert_nonnull (strstr (text, "<tt>Ctrl+N</tt>"));
          g_assert_nonnull (strstr (text, "<tt>Alt+1</tt>"));
        }
      if (g_str_equal (pages[i], "incidents"))
        g_assert_nonnull (strstr (text, "h2:登记事件"));
    }
}

static void
test_markup (void)
{
  const char *page = "<!DOCTYPE html>\n<html><head><title>甲 &amp; 乙</title></head>"
                     "<body><h1>标题</h1><p>a &lt; b, <b>粗</b>\n<kbd>Esc</kbd></p>"
                     "<ul><li>一</li></ul></body></html>";
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gd_help_page_parse (page, -1, &blocks, &title, NULL));
  g_assert_cmpstr (title, ==, "甲 & 乙");
  text = page_text (blocks);
  g_assert_cmpstr (text, ==, "h1:标题\np:a &lt; b, <b>粗</b> <tt>Esc</tt>\nli:一\n");
}

static void
test_refused (void)
{
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (gd_help_page_parse ("<html><body><p>open</body></html>", -1, &blocks, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (blocks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* links the app's resources in (their constructor registers them) */
  g_assert_nonnull (gd_get_resource ());
  g_test_add_func ("/help/pages", test_pages);
  g_test_add_func ("/help/markup", test_markup);
  g_test_add_func ("/help/refused", test_refused);
  return g_test_run ();
}
