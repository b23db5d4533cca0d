/* gd-startup-trace.h: when GRIDDESK_STARTUP_TRACE is set, a window prints the monotonic
 * times of its first painted frame and of its first frame with content (tests/bench-startup).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Does the window's content show yet (the households list has rows)? */
typedef gboolean (*GdStartupTraceReady) (gpointer user_data);

gboolean gd_startup_trace_enabled (void);
/* Prints "griddesk-startup: first-frame USEC" after the first frame `window` paints and
 * "griddesk-startup: ready USEC" after the first frame painted while `ready` (may be NULL:
 * the same frame) returns TRUE; USEC is g_get_monotonic_time(). Does nothing unless
 * gd_startup_trace_enabled(). `user_data` must live as long as the window. */
void     gd_startup_trace_watch   (GtkWindow           *window,
                                   GdStartupTraceReady  ready,
                                   gpointer             user_data);

G_END_DECLS
