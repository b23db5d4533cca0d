/* gd-map-points.h: what the map draws, read from the store's map_points table: households,
 * incidents, disputes and organisations with a location, and per-grid measures for colouring
 * grids.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-geo.h"
#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_MAP_HOUSEHOLD,
  GD_MAP_INCIDENT,
  GD_MAP_DISPUTE,
  GD_MAP_ORGANISATION,
  GD_MAP_N_KINDS,
} GdMapKind;

#define GD_MAP_KIND_BIT(kind) (1u << (kind))
#define GD_MAP_ALL_KINDS      ((1u << GD_MAP_N_KINDS) - 1)

/* How an incident or dispute stands, for its colour; an organisation is NONE, or OVERDUE
 * when a hazard's rectification date has passed. */
typedef enum {
  GD_MAP_STATE_NONE,      /* households, organisations */
  GD_MAP_STATE_NEW,       /* registered, received: not yet taken up */
  GD_MAP_STATE_ACTIVE,    /* dispatched, in progress, mediating … */
  GD_MAP_STATE_CHECKING,  /* verifying, feedback, agreed */
  GD_MAP_STATE_CLOSED,    /* archived, closed, failed, referred */
  GD_MAP_STATE_OVERDUE,   /* an open incident past its deadline */
  GD_MAP_N_STATES,
} GdMapState;

/* An organisation's risk level (risk-levels), for its colour. */
typedef enum {
  GD_MAP_RISK_NONE,       /* not inspected, or not an organisation */
  GD_MAP_RISK_LOW,
  GD_MAP_RISK_MEDIUM,
  GD_MAP_RISK_HIGH,
  GD_MAP_RISK_MAJOR,
} GdMapRisk;

typedef struct {
  double      x;        /* Web Mercator [0, 1] (gd_geo_mercator_x/y): what clustering uses */
  double      y;
  double      lat;
  double      lon;
  const char *doc_id;   /* owned by the GdMapPoints */
  const char *grid;
  guint8      kind;     /* GdMapKind */
  guint8      state;    /* GdMapState */
  guint8      risk;     /* organisations: GdMapRisk */
  const char *premises; /* organisations: the premises category (premises-categories), or NULL */
} GdMapPoint;

typedef struct {
  GArray       *points;  /* GdMapPoint */
  GStringChunk *strings;
} GdMapPoints;

void         gd_map_points_free  (GdMapPoints *points);
/* Points of the kinds in `kinds` (GD_MAP_KIND_BIT mask) inside `bounds` (NULL: all).
 * `now` (unix seconds) decides which incidents are overdue. */
GdMapPoints *gd_map_points_query (GdStore           *store,
                                  const GdGeoBounds *bounds,
                                  guint              kinds,
                                  gint64             now,
                                  GError           **error);
GdMapState   gd_map_state_for    (GdMapKind   kind,
                                  const char *status,
                                  const char *deadline,
                                  const char *now_text);

typedef struct {
  guint households;
  guint open_incidents;
  guint overdue_incidents;
} GdGridMeasures;

/* grid code -> GdGridMeasures (g_free'd) for every grid with something to count */
GHashTable  *gd_map_grid_measures (GdStore *store, gint64 now, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdMapPoints, gd_map_points_free)

G_END_DECLS
