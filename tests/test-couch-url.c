/* SPDX-License-Identifier: GPL-3.0-or-later */
/* County platform addresses: database names, which server URLs are allowed, document URLs. */
#include "config.h"

#include "gd-couch-url.h"
#include "gd-error.h"

static void
test_database_name (void)
{
  g_autofree char *name = gd_couch_database_name ("320902101001");

  g_assert_cmpstr (name, ==, "griddesk-320902101001");
  g_assert_null (gd_couch_database_name ("320902101"));
  g_assert_null (gd_couch_database_name ("99090210100a"));
}

static void
test_server_url (void)
{
  static const struct { const char *url; const char *expected; const char *error; } cases[] = {
    { "https://county.example.cn/", "https://county.example.cn", NULL },
    { "https://county.example.cn:6984/couch", "https://county.example.cn:6984/couch", NULL },
    { "http://127.0.0.1:5984", "http://127.0.0.1:5984", NULL },
    { "http://localhost:5984/", "http://localhost:5984", NULL },
    { "http://county.example.cn", NULL, "must use https" },
    { "http://127.example.cn", NULL, "must use https" },
    { "ftp://county.example.cn", NULL, "must use https" },
    { "https://admin:secret@county.example.cn", NULL, "secret store" },
    { "https://county.example.cn/?x=1", NULL, "?query" },
    { "not a url", NULL, "is not a URL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = gd_couch_server_url (cases[i].url, &error);

      g_assert_cmpstr (url, ==, cases[i].expected);
      if (cases[i].error != NULL)
        {
          g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].error));
        }
      else
        g_assert_no_error (error);
    }
}

/* decides whether replies are asked for gzipped (not on this computer) */
static void
test_loopback (void)
{
  g_assert_true (gd_couch_server_is_loopback ("http://127.0.0.1:5984"));
  g_assert_true (gd_couch_server_is_loopback ("http://localhost:5984"));
  g_assert_true (gd_couch_server_is_loopback ("https://[::1]:6984"));
  g_assert_false (gd_couch_server_is_loopback ("https://county.example.cn"));
  g_assert_false (gd_couch_server_is_loopback ("https://127.example.cn"));
  g_assert_false (gd_couch_server_is_loopback ("https://10.0.0.7:6984"));
}

static void
test_document_url (void)
{
  g_autofree char *doc = gd_couch_document_url ("https://c.cn", "griddesk-320902101001",
                                                "household:0190a1b2-0000-7000-8000-000000000000");
  g_autofree char *design = gd_couch_document_url ("https://c.cn", "db", "_design/griddesk");

  g_assert_cmpstr (doc, ==, "https://c.cn/griddesk-320902101001/household%3A0190a1b2-0000-7000-8000-000000000000");
  g_assert_cmpstr (design, ==, "https://c.cn/db/_design/griddesk");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/couch-url/database-name", test_database_name);
  g_test_add_func ("/couch-url/server-url", test_server_url);
  g_test_add_func ("/couch-url/loopback", test_loopback);
  g_test_add_func ("/couch-url/document-url", test_document_url);
  return g_test_run ();
}
