/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-bench.h: what the benchmarks share: a monotonic clock, sorting samples, and the demo
 * town (an existing file, or generated into a temp dir and removed afterwards). */
#pragma once

#include <glib/gstdio.h>
#include <time.h>

#include "gd-demo.h"

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

static inline int
bench_compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The `p` quantile (0 to 1) of sorted doubles. */
static inline double
bench_percentile (GArray *sorted, double p)
{
  guint index = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, index);
}

/* Opens *db, or when it is NULL generates the demo town into a new temp dir (*dir, *db set)
 * and says how long that took. Exits on failure. */
static inline GdStore *
bench_open_town (char **db, char **dir, const char *prefix)
{
  g_autoptr(GError) error = NULL;
  GdStore *store;

  if (*db != NULL)
    {
      if ((store = gd_store_open (*db, &error)) == NULL)
        g_error ("%s: %s", *db, error->message);
      return store;
    }
  {
    g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
    gint64 start = now_ns ();
    GdDemoCounts counts;

    *dir = g_dir_make_tmp (template, &error);
    if (*dir == NULL)
      g_error ("%s", error->message);
    *db = g_build_filename (*dir, "town.sqlite", NULL);
    store = gd_store_open (*db, &error);
    if (store == NULL || !gd_demo_generate (store, GD_DEMO_TOWN, 1, &counts, NULL, NULL, NULL, &error))
      g_error ("%s", error->message);
    g_print ("generated the demo town (%u households, %u incidents) in %.1f s\n",
             counts.households, counts.incidents, (now_ns () - start) / 1e9);
  }
  return store;
}

/* Removes what bench_open_town generated (nothing when `dir` is NULL). */
static inline void
bench_remove_town (const char *db, const char *dir)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (dir == NULL)
    return;
  wal = g_strconcat (db, "-wal", NULL);
  shm = g_strconcat (db, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (db);
  g_rmdir (dir);
}
