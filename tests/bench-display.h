/* bench-display.h: what the app benchmarks share: a private Xvfb and the demo databases.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Starts Xvfb (1280x800x24) on a free display, named in `display` (":N"); NULL on failure
 * (said on stderr). Force-exit the process when done. */
GSubprocess *bench_start_xvfb (char **display);
/* Makes the demo of `scale` (village, town) at `path` with the griddesk-ctl `ctl`, unless
 * the file exists; FALSE (said on stderr) on failure. */
gboolean     bench_make_demo  (const char *ctl,
                               const char *path,
                               const char *scale);

/* Where the demo databases go: $GRIDDESK_BENCH_DEMOS when set (kept between runs, the town
 * takes minutes to make), else `tmp`. */
const char  *bench_demo_dir   (const char *tmp);

G_END_DECLS
