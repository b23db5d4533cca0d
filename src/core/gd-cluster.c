/* gd-cluster.c: one pass over the points with a hash of occupied cells.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-cluster"
#include "config.h"

#include <math.h>

#include "gd-cluster.h"

/* cell column, row and kind in one 64-bit key: 28 bits each cover zoom 20 with 1 px cells */
static inline guint64
cell_key (double x,
          double y,
          double cells,
          guint  kind)
{
  guint64 cx = (guint64) CLAMP (floor (x * cells), 0, cells - 1);
  guint64 cy = (guint64) CLAMP (floor (y * cells), 0, cells - 1);

  return (cx << 30) | (cy << 2) | kind;
}

GArray *
gd_cluster_points (GArray   *points,
                   int       zoom,
                   double    cell_px,
                   guint     kinds,
                   gboolean  closed)
{
  g_autoptr(GHashTable) cells = NULL;
  GArray *clusters;
  double n_cells;

  g_return_val_if_fail (points != NULL, NULL);
  g_return_val_if_fail (zoom >= 0 && zoom <= 22, NULL);
  g_return_val_if_fail (cell_px >= 1, NULL);

  n_cells = MAX (1.0, floor (256.0 * ldexp (1.0, zoom) / cell_px));
  clusters = g_array_new (FALSE, FALSE, sizeof (GdCluster));
  cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < points->len; i++)
    {
      const GdMapPoint *point = &g_array_index (points, GdMapPoint, i);
      guint64 key;
      gpointer found;
      GdCluster *cluster;

      if ((kinds & GD_MAP_KIND_BIT (point->kind)) == 0
          || (!closed && point->state == GD_MAP_STATE_CLOSED))
        continue;
      key = cell_key (point->x, point->y, n_cells, point->kind);
      if (!g_hash_table_lookup_extended (cells, &key, NULL, &found))
        {
          GdCluster fresh = { 0, 0, 0, i, 0, point->kind, point->state };

          g_array_append_val (clusters, fresh);
          found = GUINT_TO_POINTER (clusters->len);  /* index + 1 */
          g_hash_table_insert (cells, g_memdup2 (&key, sizeof key), found);
        }
      cluster = &g_array_index (clusters, GdCluster, GPOINTER_TO_UINT (found) - 1);
      cluster->x += point->x;
      cluster->y += point->y;
      cluster->count++;
      if (point->state == GD_MAP_STATE_OVERDUE)
        cluster->overdue++;
      if (cluster->state != point->state)
        cluster->state = GD_MAP_STATE_NONE;
    }

  for (guint i = 0; i < clusters->len; i++)
    {
      GdCluster *cluster = &g_array_index (clusters, GdCluster, i);

      cluster->x /= cluster->count;
      cluster->y /= cluster->count;
    }
  return clusters;
}
