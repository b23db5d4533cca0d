/* gd-ring.h: is a polygon ring a real one? (boundary rings of grid documents)
 *
 * A ring is `n` positions as lon, lat pairs (xy[2 i], xy[2 i + 1]), its last repeating its
 * first. Repeated consecutive positions are allowed and ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the ring encloses no area: all its positions on one line (fewer than three
 * distinct ones among them). */
gboolean gd_ring_is_degenerate     (const double *xy,
                                    guint         n);

/* TRUE when two edges of the ring that are not neighbours cross or touch (a figure eight, a
 * spike folding back). *out_first and *out_second get the indexes of the two edges (edge i
 * runs from position i to the next distinct one). Edges are swept in order of their smallest
 * longitude, so an ordinary ring of 10,000 positions is checked in milliseconds. */
gboolean gd_ring_self_intersects   (const double *xy,
                                    guint         n,
                                    guint        *out_first,
                                    guint        *out_second);

G_END_DECLS
