/* bench-households-scroll: does scrolling the household register stay smooth at town scale?
 *
 * Walks GdHouseholdListModel the way a GtkColumnView does while scrolling: every position
 * in order (scrolling down the whole register), and screenfuls at random positions (dragging
 * the scroll bar), with and without a text filter and under other sort orders; then typing
 * into the search (filter change: count + first screenful). Prints latency per item and per
 * page fetch (p50/p95/max), reading every page on the spot (prefetch off).
 *
 * Then "paced" runs: a fast fling (40 rows a frame, 2,400 rows a second) down the whole
 * register at 60 frames a second, with the model's read-ahead on and the main context
 * dispatched between frames as GTK's frame clock does: the model's work per frame, and how
 * many frames went over the 16.7 ms budget.
 *
 *   bench-households-scroll [--db FILE] [--text TEXT] [--jumps N]
 *
 * Without --db it generates the demo town (≈30,000 households) into a temp dir first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "gd-bench.h"
#include "gd-household-item.h"
#include "gd-household-list-model.h"

#define SCREENFUL 40
#define ROWS_PER_FRAME 40
#define FRAME_NS G_GINT64_CONSTANT (16666667)

static double
percentile (GArray *sorted, double p)
{
  guint i;

  if (sorted->len == 0)
    return 0;
  i = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, gint64, i) / 1e6;
}

/* "p50 0.0002 ms  p95 …" of a set of nanosecond samples (sorted in place) */
static void
print_stats (const char *what, GArray *samples)
{
  gint64 total = 0;

  g_array_sort (samples, compare_gint64);
  for (guint i = 0; i < samples->len; i++)
    total += g_array_index (samples, gint64, i);
  g_print ("    %-22s n=%-6u p50 %8.4f ms  p95 %8.4f ms  max %8.3f ms  total %8.1f ms\n",
           what, samples->len, percentile (samples, 0.5), percentile (samples, 0.95),
           percentile (samples, 1.0), total / 1e6);
}

typedef struct {
  GArray *hits;    /* get_item answered from the cache */
  GArray *fetches; /* get_item that read a page from SQLite */
  GArray *all;
} Samples;

static void
samples_init (Samples *s)
{
  s->hits = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->fetches = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->all = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
samples_print_clear (Samples *s)
{
  print_stats ("per item (all)", s->all);
  print_stats ("per item (cached)", s->hits);
  print_stats ("per page fetch", s->fetches);
  g_array_unref (s->hits);
  g_array_unref (s->fetches);
  g_array_unref (s->all);
}

/* One get_item as a bound cell asks for it, reading a column so the work is not skipped. */
static void
visit (GdHouseholdListModel *model, guint position, Samples *s)
{
  guint64 fetches = gd_household_list_model_get_n_page_fetches (model);
  gint64 start = now_ns (), elapsed;
  GdHouseholdItem *item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert (item != NULL);
  (void) gd_household_item_get_address (item);
  g_object_unref (item);
  elapsed = now_ns () - start;
  g_array_append_val (s->all, elapsed);
  if (gd_household_list_model_get_n_page_fetches (model) != fetches)
    g_array_append_val (s->fetches, elapsed);
  else
    g_array_append_val (s->hits, elapsed);
}

static void
scenario (GdHouseholdListModel *model, const char *name, const GdHouseholdFilter *filter, guint jumps)
{
  GListModel *list = G_LIST_MODEL (model);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 start = now_ns ();
  Samples s;
  guint n;

  gd_household_list_model_set_prefetch (model, FALSE);
  gd_household_list_model_set_filter (model, filter);
  n = g_list_model_get_n_items (list);
  g_print ("\n%s: %u households (filter applied and counted in %.1f ms)\n", name, n,
           (now_ns () - start) / 1e6);
  if (n == 0)
    return;

  g_print ("  scrolling down through every row\n");
  gd_household_list_model_reload (model);
  samples_init (&s);
  for (guint i = 0; i < n; i++)
    visit (model, i, &s);
  samples_print_clear (&s);
  g_print ("    cached pages at the end: %u (limit %u)\n",
           gd_household_list_model_get_n_cached_pages (model), GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES);

  g_print ("  %u jumps to random positions, a screenful (%u rows) each\n", jumps, SCREENFUL);
  gd_household_list_model_reload (model);
  samples_init (&s);
  {
    GArray *screens = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint j = 0; j < jumps; j++)
      {
        guint first = (guint) g_rand_int_range (rand, 0, (gint32) n);
        gint64 screen_start = now_ns (), elapsed;

        for (guint i = first; i < MIN (n, first + SCREENFUL); i++)
          visit (model, i, &s);
        elapsed = now_ns () - screen_start;
        g_array_append_val (screens, elapsed);
      }
    samples_print_clear (&s);
    print_stats ("per screenful", screens);
    g_array_unref (screens);
  }
}

/* A fling down the whole list at 60 Hz with read-ahead on. */
static void
paced (GdHouseholdListModel *model, const char *name, const GdHouseholdFilter *filter)
{
  GListModel *list = G_LIST_MODEL (model);
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint64 fetches, prefetches;
  guint over = 0, n;
  Samples s;

  gd_household_list_model_set_prefetch (model, TRUE);
  gd_household_list_model_set_filter (model, filter);
  gd_household_list_model_reload (model);
  n = g_list_model_get_n_items (list);
  fetches = gd_household_list_model_get_n_page_fetches (model);
  prefetches = gd_household_list_model_get_n_prefetches (model);
  samples_init (&s);
  g_print ("\npaced fling, %u rows a frame at 60 Hz, read-ahead on: %s (%u households)\n",
           ROWS_PER_FRAME, name, n);

  for (guint first = 0; first < n; first += ROWS_PER_FRAME)
    {
      gint64 frame_start = now_ns (), work;

      /* what arrived from the worker since the last frame */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      for (guint i = first; i < MIN (n, first + ROWS_PER_FRAME); i++)
        visit (model, i, &s);
      work = now_ns () - frame_start;
      g_array_append_val (frames, work);
      if (work > FRAME_NS)
        over++;
      if (work < FRAME_NS)
        g_usleep ((gulong) ((FRAME_NS - work) / 1000));
    }
  while (gd_household_list_model_is_prefetching (model))
    g_main_context_iteration (NULL, TRUE);

  print_stats ("model work per frame", frames);
  g_print ("    frames over 16.7 ms: %u of %u; pages read on the spot: %" G_GUINT64_FORMAT
           ", read ahead: %" G_GUINT64_FORMAT "\n", over, frames->len,
           gd_household_list_model_get_n_page_fetches (model) - fetches,
           gd_household_list_model_get_n_prefetches (model) - prefetches);
  print_stats ("per page fetch on the spot", s.fetches);
  g_array_unref (s.hits);
  g_array_unref (s.fetches);
  g_array_unref (s.all);
  g_array_unref (frames);
}

/* Typing a query a character at a time: filter change (count) + the first screenful. */
static void
typing (GdHouseholdListModel *model, const char *query)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *end;

  gd_household_list_model_set_prefetch (model, FALSE);
  g_print ("\ntyping \"%s\" (per keystroke: count + first %u rows)\n", query, SCREENFUL);
  for (const char *p = query; *p != '\0'; p = end)
    {
      g_autofree char *prefix = NULL;
      GdHouseholdFilter filter = { 0 };
      gint64 start, elapsed;
      guint n;

      end = g_utf8_next_char (p);
      prefix = g_strndup (query, end - query);
      filter.text = prefix;
      start = now_ns ();
      gd_household_list_model_set_filter (model, &filter);
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      for (guint i = 0; i < MIN (n, SCREENFUL); i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
      elapsed = now_ns () - start;
      g_array_append_val (samples, elapsed);
      g_print ("    %-16s %6u rows  %7.2f ms\n", prefix, n, elapsed / 1e6);
    }
  print_stats ("per keystroke", samples);
  g_array_unref (samples);
}

int
main (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *text = NULL;
  int jumps = 500;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Read this database (default: generate the demo town)", "FILE" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, "Text filter for the filtered runs (default: 王)", "TEXT" },
    { "jumps", 0, 0, G_OPTION_ARG_INT, &jumps, "Random jumps per scenario (default: 500)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- household list scrolling benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdHouseholdListModel) model = NULL;
  g_autofree char *dir = NULL;
  GdStore *store;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (text == NULL)
    text = g_strdup ("王");

  store = bench_open_town (&db, &dir, "gd-bench-scroll");

  model = gd_household_list_model_new (store);
  g_print ("page size %u rows, at most %u pages cached\n",
           GD_HOUSEHOLD_LIST_MODEL_PAGE_SIZE, GD_HOUSEHOLD_LIST_MODEL_MAX_PAGES);

  {
    GdHouseholdFilter all = { 0 };
    GdHouseholdFilter by_text = { .text = text };
    GdHouseholdFilter by_head_desc = { .sort = GD_HOUSEHOLD_SORT_HEAD, .descending = TRUE };
    GdHouseholdFilter by_updated = { .sort = GD_HOUSEHOLD_SORT_UPDATED, .descending = TRUE };
    GdHouseholdFilter care_rented = { .care_tag = "elderly_alone", .rented = FALSE,
                                      .sort = GD_HOUSEHOLD_SORT_ADDRESS };
    g_autofree char *text_name = g_strdup_printf ("text filter \"%s\", by number", text);

    scenario (model, "everything, by number", &all, (guint) jumps);
    scenario (model, text_name, &by_text, (guint) jumps);
    scenario (model, "everything, by head descending", &by_head_desc, (guint) jumps);
    scenario (model, "everything, by last update descending", &by_updated, (guint) jumps);
    scenario (model, "care tag elderly_alone, by address", &care_rented, (guint) jumps);

    paced (model, "everything, by number", &all);
    paced (model, "everything, by head descending", &by_head_desc);
    paced (model, "everything, by last update descending", &by_updated);
    paced (model, text_name, &by_text);
  }
  typing (model, "zhangw");
  typing (model, "王建");
  typing (model, "幸福路22号");

  g_clear_object (&model);
  gd_store_free (store);
  bench_remove_town (db, dir);
  return 0;
}
