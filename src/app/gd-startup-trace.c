/* gd-startup-trace.c: first-frame times for the start-up benchmark.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The frame clock's after-paint follows the frame GTK has just drawn and handed to the
 * display server: the first one is the first frame anyone can see. The benchmark that
 * launched us reads the lines from stdout and subtracts its own monotonic clock at launch
 * (both CLOCK_MONOTONIC).
 */

#define G_LOG_DOMAIN "gd-startup-trace"

#include "config.h"

#include <stdio.h>

#include "gd-startup-trace.h"

typedef struct
{
  GdStartupTraceReady ready;
  gpointer            user_data;
  gboolean            first_done;
  gulong              handler;
  GdkFrameClock      *clock;
} Trace;

static void
trace_free (gpointer data)
{
  Trace *trace = data;

  if (trace->clock != NULL && trace->handler != 0)
    g_signal_handler_disconnect (trace->clock, trace->handler);
  g_clear_object (&trace->clock);
  g_free (trace);
}

gboolean
gd_startup_trace_enabled (void)
{
  const char *value = g_getenv ("GRIDDESK_STARTUP_TRACE");

  return value != NULL && *value != '\0';
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  Trace *trace = g_object_get_data (G_OBJECT (window), "gd-startup-trace");
  gint64 now = g_get_monotonic_time ();

  if (trace == NULL)
    return;

  if (!trace->first_done)
    {
      trace->first_done = TRUE;
      printf ("griddesk-startup: first-frame %" G_GINT64_FORMAT "\n", now);
    }
  if (trace->ready == NULL || trace->ready (trace->user_data))
    {
      printf ("griddesk-startup: ready %" G_GINT64_FORMAT "\n", now);
      g_signal_handler_disconnect (clock, trace->handler);
      trace->handler = 0;
    }
  fflush (stdout);
}

static void
on_realize (GtkWidget *widget,
            gpointer   user_data)
{
  Trace *trace = g_object_get_data (G_OBJECT (widget), "gd-startup-trace");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

  if (trace == NULL || surface == NULL || trace->clock != NULL)
    return;

  trace->clock = g_object_ref (gdk_surface_get_frame_clock (surface));
  trace->handler = g_signal_connect_object (trace->clock, "after-paint",
                                            G_CALLBACK (on_after_paint), widget, 0);
}

void
gd_startup_trace_watch (GtkWindow           *window,
                        GdStartupTraceReady  ready,
                        gpointer             user_data)
{
  Trace *trace;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (!gd_startup_trace_enabled ())
    return;

  trace = g_new0 (Trace, 1);
  trace->ready = ready;
  trace->user_data = user_data;
  g_object_set_data_full (G_OBJECT (window), "gd-startup-trace", trace, trace_free);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize (GTK_WIDGET (window), NULL);
}
