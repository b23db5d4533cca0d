/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any file opened as an MBTiles basemap (Preferences → Map lets a user choose
 * one), its metadata, bounds and a few tiles read. Nothing may crash or hang. */
#define G_LOG_DOMAIN "gd-fuzz"
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "gd-geo.h"
#include "gd-mbtiles.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *path = NULL;
  g_autoptr(GdMbtiles) tiles = NULL;
  int fd = g_file_open_tmp ("gd-fuzz-XXXXXX.mbtiles", &path, NULL);

  if (fd < 0)
    return 0;
  if (write (fd, data, size) != (ssize_t) size)
    {
      close (fd);
      g_unlink (path);
      return 0;
    }
  close (fd);
  tiles = gd_mbtiles_open (path, NULL);
  if (tiles != NULL)
    {
      GdGeoBounds bounds;
      guint min = gd_mbtiles_get_min_zoom (tiles), max = gd_mbtiles_get_max_zoom (tiles);

      gd_mbtiles_get_metadata (tiles, "name");
      gd_mbtiles_get_metadata (tiles, "attribution");
      gd_mbtiles_get_bounds (tiles, &bounds);
      for (int z = 0; z < 3; z++)
        {
          g_autoptr(GBytes) tile = gd_mbtiles_read_tile (tiles, z, 0, 0, NULL);
        }
      g_assert_cmpuint (min, <=, MAX (min, max));
    }
  g_clear_pointer (&tiles, gd_mbtiles_close);
  g_unlink (path);
  return 0;
}
