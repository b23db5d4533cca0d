/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-demo.h: deterministic demo data (a village or a whole town) written through the store. */
#pragma once

#include <gio/gio.h>

#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_DEMO_VILLAGE, /* ≈3,000 households, ≈9,000 persons, ≈10 grids, ≈2,000 incidents */
  GD_DEMO_TOWN,    /* ≈30,000 households, ≥100,000 persons, ≈12 villages, ≈120 grids */
} GdDemoScale;

typedef struct {
  guint grids;       /* grid documents of level grid */
  guint villages;
  guint households;
  guint persons;
  guint incidents;
  guint disputes;
  guint patrols;
  guint mediators;
  guint components;
  guint organisations; /* 单位 · 场所, about one per ten households */
} GdDemoCounts;

typedef void (*GdDemoProgress) (double fraction, gpointer user_data);

/* Fills an empty, uninitialised store with the same data for the same `seed`.
 * Everything is written in one transaction: cancelled or failed means nothing written. */
gboolean gd_demo_generate (GdStore        *store,
                           GdDemoScale     scale,
                           guint64         seed,
                           GdDemoCounts   *counts,
                           GdDemoProgress  progress,
                           gpointer        progress_data,
                           GCancellable   *cancellable,
                           GError        **error);

G_END_DECLS
