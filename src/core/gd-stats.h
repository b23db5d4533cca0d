/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-stats.h: counts and measures over the store, for `griddesk-ctl stats` and reports. */
#pragma once

#include <json-glib/json-glib.h>

#include "gd-store.h"

G_BEGIN_DECLS

/* {"scope", "counts": {grids, villages, households, persons, incidents, disputes, patrols,
 *  mediators, components}, "incidents": {"by_status": {...}, "overdue", "reported"},
 *  "disputes": {"by_status": {...}, "received"}}.
 * `from`/`to` (YYYY-MM-DD, inclusive, either NULL) limit the period counts ("reported",
 * "received", the by_status breakdowns); the register counts are always the whole store.
 * `now` decides what is overdue (NULL: the current time). */
JsonObject *gd_store_stats (GdStore    *store,
                            const char *from,
                            const char *to,
                            GDateTime  *now,
                            GError    **error);

G_END_DECLS
