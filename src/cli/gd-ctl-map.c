/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl demo-basemap: the offline basemap drawn from the database's own geometry */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "gd-basemap.h"
#include "gd-ctl-private.h"

static void
on_basemap_progress (double   fraction,
                     gpointer user_data)
{
  fprintf (stderr, "\rdrawing map tiles… %3d%%", (int) (fraction * 100));
}

int
gd_ctl_demo_basemap (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- draw an offline basemap (MBTiles) of the database's area");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autofree char *output = NULL;
  int min_zoom = -1, max_zoom = -1, default_min, default_max;
  guint n_tiles = 0;
  gboolean shown;
  gint64 started;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The MBTiles file to write (default: next to the database)", "FILE" },
    { "min-zoom", 0, 0, G_OPTION_ARG_INT, &min_zoom, "Lowest zoom (default: the whole area)", "N" },
    { "max-zoom", 0, 0, G_OPTION_ARG_INT, &max_zoom, "Highest zoom (default: street level)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc != 1)
    return gd_ctl_usage ("demo-basemap takes no arguments besides its options");

  if ((store = gd_ctl_open_store (ctl, &error)) == NULL)
    return gd_ctl_fail (error);
  gd_basemap_default_zooms (store, &default_min, &default_max);
  if (min_zoom < 0)
    min_zoom = default_min;
  if (max_zoom < 0)
    max_zoom = default_max;
  if (min_zoom > max_zoom || max_zoom > 20)
    return gd_ctl_usage ("zooms must satisfy 0 <= --min-zoom <= --max-zoom <= 20");
  if (output == NULL)
    output = gd_basemap_path_for (ctl->db_path);

  shown = isatty (STDERR_FILENO);
  started = g_get_monotonic_time ();
  if (!gd_basemap_render (store, output, min_zoom, max_zoom, &n_tiles,
                          shown ? on_basemap_progress : NULL, NULL, NULL, &error))
    {
      if (shown)
        fprintf (stderr, "\n");
      return gd_ctl_fail (error);
    }
  if (shown)
    fprintf (stderr, "\n");
  printf ("%s: %u tiles, zoom %d to %d, %.1f s\n", output, n_tiles, min_zoom, max_zoom,
          (g_get_monotonic_time () - started) / 1e6);
  return 0;
}
