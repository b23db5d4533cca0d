/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-ring"
#include "config.h"

#include <stdlib.h>

#include "gd-ring.h"

typedef struct {
  double x1, y1, x2, y2;
  double min_x, max_x;
  guint  index;    /* the position it starts at, for messages */
  guint  sequence; /* its place among the edges, for neighbours */
} Edge;

/* The ring without repeated consecutive positions: its edges, in order. */
static GArray *
ring_edges (const double *xy,
            guint         n)
{
  GArray *edges = g_array_sized_new (FALSE, FALSE, sizeof (Edge), n);
  guint start = 0;

  for (guint i = 1; i < n; i++)
    {
      Edge edge;

      if (xy[2 * i] == xy[2 * start] && xy[2 * i + 1] == xy[2 * start + 1])
        continue;
      edge.x1 = xy[2 * start];
      edge.y1 = xy[2 * start + 1];
      edge.x2 = xy[2 * i];
      edge.y2 = xy[2 * i + 1];
      edge.min_x = MIN (edge.x1, edge.x2);
      edge.max_x = MAX (edge.x1, edge.x2);
      edge.index = start;
      edge.sequence = edges->len;
      g_array_append_val (edges, edge);
      start = i;
    }
  return edges;
}

/* Which side of the line a → b the point c lies: > 0 left, < 0 right, 0 on it. */
static double
orientation (double ax, double ay, double bx, double by, double cx, double cy)
{
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

gboolean
gd_ring_is_degenerate (const double *xy,
                       guint         n)
{
  guint second = 1;

  g_return_val_if_fail (xy != NULL || n == 0, TRUE);

  /* the line through the first two distinct positions; degenerate when all lie on it */
  while (second < n && xy[2 * second] == xy[0] && xy[2 * second + 1] == xy[1])
    second++;
  for (guint i = second + 1; i < n; i++)
    if (orientation (xy[0], xy[1], xy[2 * second], xy[2 * second + 1],
                     xy[2 * i], xy[2 * i + 1]) != 0)
      return FALSE;
  return TRUE;
}

/* c, known to be on the line a → b, lies within the segment. */
static gboolean
within (double ax, double ay, double bx, double by, double cx, double cy)
{
  return MIN (ax, bx) <= cx && cx <= MAX (ax, bx) && MIN (ay, by) <= cy && cy <= MAX (ay, by);
}

static int
sign (double value)
{
  return (value > 0) - (value < 0);
}

static gboolean
edges_meet (const Edge *a,
            const Edge *b)
{
  int d1 = sign (orientation (a->x1, a->y1, a->x2, a->y2, b->x1, b->y1));
  int d2 = sign (orientation (a->x1, a->y1, a->x2, a->y2, b->x2, b->y2));
  int d3 = sign (orientation (b->x1, b->y1, b->x2, b->y2, a->x1, a->y1));
  int d4 = sign (orientation (b->x1, b->y1, b->x2, b->y2, a->x2, a->y2));

  if (d1 * d2 < 0 && d3 * d4 < 0)
    return TRUE;
  return (d1 == 0 && within (a->x1, a->y1, a->x2, a->y2, b->x1, b->y1))
         || (d2 == 0 && within (a->x1, a->y1, a->x2, a->y2, b->x2, b->y2))
         || (d3 == 0 && within (b->x1, b->y1, b->x2, b->y2, a->x1, a->y1))
         || (d4 == 0 && within (b->x1, b->y1, b->x2, b->y2, a->x2, a->y2));
}

/* Neighbours share a position by construction; the first and the last edge close the ring. */
static gboolean
neighbours (const Edge *a,
            const Edge *b,
            guint       n_edges)
{
  guint low = MIN (a->sequence, b->sequence);
  guint high = MAX (a->sequence, b->sequence);

  return high == low + 1 || (low == 0 && high == n_edges - 1);
}

/* Two neighbours meet only at their shared position, unless one folds back along the other. */
static gboolean
folds_back (const Edge *a,
            const Edge *b)
{
  const Edge *first = a->sequence < b->sequence ? a : b;
  const Edge *second = first == a ? b : a;
  double ux, uy, vx, vy;

  /* the ring's closing pair: `second` runs into `first` */
  if (first->sequence == 0 && second->sequence != 1)
    {
      const Edge *swap = first;
      first = second;
      second = swap;
    }
  ux = first->x2 - first->x1;
  uy = first->y2 - first->y1;
  vx = second->x2 - second->x1;
  vy = second->y2 - second->y1;
  /* collinear and pointing back: the second edge retraces part of the first */
  return ux * vy - uy * vx == 0 && ux * vx + uy * vy < 0;
}

static int
compare_min_x (gconstpointer a,
               gconstpointer b)
{
  const Edge *ea = a, *eb = b;

  return (ea->min_x > eb->min_x) - (ea->min_x < eb->min_x);
}

gboolean
gd_ring_self_intersects (const double *xy,
                         guint         n,
                         guint        *out_first,
                         guint        *out_second)
{
  g_autoptr(GArray) edges = NULL;
  g_autofree Edge *sorted = NULL;
  guint n_edges;

  g_return_val_if_fail (xy != NULL || n == 0, FALSE);

  edges = ring_edges (xy, n);
  n_edges = edges->len;
  if (n_edges < 3)
    return FALSE;
  sorted = g_memdup2 (edges->data, sizeof (Edge) * n_edges);
  qsort (sorted, n_edges, sizeof (Edge), compare_min_x);

  for (guint i = 0; i < n_edges; i++)
    for (guint j = i + 1; j < n_edges && sorted[j].min_x <= sorted[i].max_x; j++)
      {
        const Edge *a = &sorted[i], *b = &sorted[j];
        gboolean meet = neighbours (a, b, n_edges) ? folds_back (a, b) : edges_meet (a, b);

        if (meet)
          {
            if (out_first != NULL)
              *out_first = MIN (a->index, b->index);
            if (out_second != NULL)
              *out_second = MAX (a->index, b->index);
            return TRUE;
          }
      }
  return FALSE;
}
