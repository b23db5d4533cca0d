/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-household-reader: a first sync's households read straight from their text against
 * the json-glib path (not a test: it prints, it does not judge).
 *
 *   bench-household-reader [--households N] [--rounds R]
 *
 * Makes N household bodies as pouchdb-server sends them (3 or 4 members each), then times,
 * best of R rounds: gd_household_read() of each; gd_couch_doc_parse() +
 * gd_household_fields_from_object() + unref of each; and a yajl handle's making, first '{'
 * and freeing alone, which the reader pays once a document. */
#include "config.h"

#include <string.h>
#include <yajl/yajl_parse.h>

#include "gd-bench.h"
#include "gd-couch-rows.h"
#include "gd-household-reader.h"

static int opt_households = 100000;
static int opt_rounds = 5;

static const GOptionEntry entries[] = {
  { "households", 0, 0, G_OPTION_ARG_INT, &opt_households, "Number of households (default 100000)", "N" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Rounds, the best counts (default 5)", "R" },
  { NULL }
};

static const char *const surnames[] = { "张", "王", "李", "欧阳", "陈", "刘" };
static const char *const given[] = { "伟华", "玲", "建国", "秀英", "志强", "丽" };

static char *
household_body (guint i)
{
  GString *text = g_string_new (NULL);
  guint n_members = 3 + i % 2;

  g_string_append_printf (text,
                          "{\"type\":\"household\",\"schema\":1,\"village\":\"320902101%03u\","
                          "\"grid\":\"320902101%03u%03u\",\"number\":\"%06u\","
                          "\"address\":\"新兴镇新兴村%u组%u号\",\"housing\":\"owned\",\"members\":[",
                          i % 20, i % 20, i % 30, i, i % 12 + 1, i % 97 + 1);
  for (guint m = 0; m < n_members; m++)
    g_string_append_printf (text,
                            "%s{\"id\":\"m%u\",\"name\":\"%s%s\",\"id_type\":\"resident_id\","
                            "\"id_number\":\"3209021970%02u%02u%03uX\",\"sex\":\"%u\","
                            "\"birth_date\":\"1970-%02u-%02u\",\"ethnicity\":\"01\",\"relation\":\"0%u\","
                            "\"residence\":\"registered\",\"phone\":\"139%08u\"}",
                            m ? "," : "", m + 1, surnames[(i + m) % G_N_ELEMENTS (surnames)],
                            given[(i * 7 + m) % G_N_ELEMENTS (given)], m + 1, i % 28 + 1, i % 1000,
                            1 + (i + m) % 2, m + 1, i % 28 + 1, m + 2, i * 4 + m);
  g_string_append_printf (text,
                          "],\"created_at\":\"2026-11-20T09:00:00Z\",\"created_by\":\"bench\","
                          "\"updated_at\":\"2026-11-20T09:00:00Z\",\"updated_by\":\"bench\","
                          "\"_id\":\"household:bench-%07u\",\"_rev\":\"1-3488c9405465ea2d499ea46d83ad%04x\"}",
                          i, i & 0xffff);
  return g_string_free (text, FALSE);
}

static int
on_any (void *user_data)
{
  return 1;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  static const yajl_callbacks callbacks = { .yajl_null = on_any };
  gint64 best_reader = G_MAXINT64, best_tree = G_MAXINT64, best_alloc = G_MAXINT64;
  gsize bytes = 0;
  guint members = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  for (int i = 0; i < opt_households; i++)
    {
      char *body = household_body (i);

      bytes += strlen (body);
      g_ptr_array_add (bodies, body);
    }

  for (int round = 0; round < opt_rounds; round++)
    {
      gint64 start = now_ns ();

      for (guint i = 0; i < bodies->len; i++)
        {
          const char *body = bodies->pdata[i];
          g_autoptr(GdHouseholdFields) fields = gd_household_read (body, strlen (body));

          if (fields == NULL)
            g_error ("household %u was not read", i);
          members += fields->members->len;
        }
      best_reader = MIN (best_reader, now_ns () - start);

      start = now_ns ();
      for (guint i = 0; i < bodies->len; i++)
        {
          const char *body = bodies->pdata[i];
          g_autoptr(JsonObject) doc = gd_couch_doc_parse (body, strlen (body), &error);
          g_autoptr(GdHouseholdFields) fields = NULL;

          if (doc == NULL)
            g_error ("%s", error->message);
          fields = gd_household_fields_from_object (doc);
          members += fields->members->len;
        }
      best_tree = MIN (best_tree, now_ns () - start);

      start = now_ns ();
      for (guint i = 0; i < bodies->len; i++)
        {
          yajl_handle handle = yajl_alloc (&callbacks, NULL, NULL);

          /* its stack is allocated at the first '{' */
          yajl_parse (handle, (const unsigned char *) "{}", 2);
          yajl_complete_parse (handle);
          yajl_free (handle);
        }
      best_alloc = MIN (best_alloc, now_ns () - start);
    }

  g_print ("%u households, %.1f MB of text, %.1f members each; best of %d rounds:\n",
           bodies->len, bytes / 1e6, members / (2.0 * opt_rounds * bodies->len), opt_rounds);
  g_print ("  gd_household_read:                        %7.1f ms (%.2f us each)\n",
           best_reader / 1e6, best_reader / 1e3 / bodies->len);
  g_print ("  gd_couch_doc_parse + from_object + unref: %7.1f ms (%.2f us each)\n",
           best_tree / 1e6, best_tree / 1e3 / bodies->len);
  g_print ("  yajl_alloc + parse of {} + yajl_free:     %7.1f ms (%.2f us each)\n",
           best_alloc / 1e6, best_alloc / 1e3 / bodies->len);
  return 0;
}
