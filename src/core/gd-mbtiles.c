/* gd-mbtiles.c: one SQLite connection per file, a mutex around its statements.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-mbtiles"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "gd-error.h"
#include "gd-mbtiles.h"

struct _GdMbtiles {
  sqlite3      *db;
  char         *path;
  GMutex        lock;
  sqlite3_stmt *read;
  sqlite3_stmt *write;
  GHashTable   *metadata;
};

static void
set_error (GdMbtiles  *mbtiles,
           GError    **error,
           const char *what)
{
  g_set_error (error, GD_ERROR, GD_ERROR_IO,
               /* Translators: the map tile file, what was being done, SQLite's message */
               _("%s: %s: %s"), mbtiles->path, what,
               mbtiles->db != NULL ? sqlite3_errmsg (mbtiles->db) : "");
}

void
gd_mbtiles_close (GdMbtiles *mbtiles)
{
  if (mbtiles == NULL)
    return;
  sqlite3_finalize (mbtiles->read);
  sqlite3_finalize (mbtiles->write);
  sqlite3_close (mbtiles->db);
  g_mutex_clear (&mbtiles->lock);
  g_clear_pointer (&mbtiles->metadata, g_hash_table_unref);
  g_free (mbtiles->path);
  g_free (mbtiles);
}

static GdMbtiles *
mbtiles_new (const char *path)
{
  GdMbtiles *mbtiles = g_new0 (GdMbtiles, 1);

  mbtiles->path = g_strdup (path);
  g_mutex_init (&mbtiles->lock);
  mbtiles->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return mbtiles;
}

GdMbtiles *
gd_mbtiles_open (const char  *path,
                 GError     **error)
{
  g_autoptr(GdMbtiles) mbtiles = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  mbtiles = mbtiles_new (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_IO,
                   /* Translators: %s is a file name */
                   _("The map file %s does not exist"), path);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &mbtiles->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      set_error (mbtiles, error, _("opening the map file"));
      return NULL;
    }
  if (sqlite3_prepare_v2 (mbtiles->db, "SELECT name, value FROM metadata", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error (mbtiles, error, _("not an MBTiles file (no metadata table)"));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_text (stmt, 0) != NULL && sqlite3_column_text (stmt, 1) != NULL)
      g_hash_table_replace (mbtiles->metadata,
                            g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                            g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (mbtiles, error, _("reading the metadata"));
      return NULL;
    }
  if (sqlite3_prepare_v2 (mbtiles->db,
                          "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 "
                          "AND tile_row = ?3", -1, &mbtiles->read, NULL) != SQLITE_OK)
    {
      set_error (mbtiles, error, _("not an MBTiles file (no tiles table)"));
      return NULL;
    }
  return g_steal_pointer (&mbtiles);
}

GdMbtiles *
gd_mbtiles_create (const char  *path,
                   GError     **error)
{
  g_autoptr(GdMbtiles) mbtiles = NULL;
  char *message = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mbtiles = mbtiles_new (path);
  g_unlink (path);
  if (sqlite3_open_v2 (path, &mbtiles->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_error (mbtiles, error, _("creating the map file"));
      return NULL;
    }
  if (sqlite3_exec (mbtiles->db,
                    "CREATE TABLE metadata (name TEXT PRIMARY KEY, value TEXT);"
                    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
                    "  tile_data BLOB, PRIMARY KEY (zoom_level, tile_column, tile_row));",
                    NULL, NULL, &message) != SQLITE_OK
      || sqlite3_prepare_v2 (mbtiles->db,
                             "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) "
                             "VALUES (?1, ?2, ?3, ?4)", -1, &mbtiles->write, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (mbtiles->db,
                             "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 "
                             "AND tile_row = ?3", -1, &mbtiles->read, NULL) != SQLITE_OK)
    {
      sqlite3_free (message);
      set_error (mbtiles, error, _("creating the map file"));
      return NULL;
    }
  return g_steal_pointer (&mbtiles);
}

const char *
gd_mbtiles_get_metadata (GdMbtiles  *mbtiles,
                         const char *name)
{
  g_return_val_if_fail (mbtiles != NULL, NULL);

  return g_hash_table_lookup (mbtiles->metadata, name);
}

gboolean
gd_mbtiles_set_metadata (GdMbtiles   *mbtiles,
                         const char  *name,
                         const char  *value,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (mbtiles != NULL && name != NULL && value != NULL, FALSE);

  if (sqlite3_prepare_v2 (mbtiles->db, "INSERT OR REPLACE INTO metadata (name, value) VALUES (?1, ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error (mbtiles, error, _("writing the metadata"));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (mbtiles, error, _("writing the metadata"));
      return FALSE;
    }
  g_hash_table_replace (mbtiles->metadata, g_strdup (name), g_strdup (value));
  return TRUE;
}

static guint
metadata_uint (GdMbtiles  *mbtiles,
               const char *name,
               guint       fallback)
{
  const char *value = gd_mbtiles_get_metadata (mbtiles, name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 30, &number, NULL))
    return fallback;
  return (guint) number;
}

guint
gd_mbtiles_get_min_zoom (GdMbtiles *mbtiles)
{
  return metadata_uint (mbtiles, "minzoom", 0);
}

guint
gd_mbtiles_get_max_zoom (GdMbtiles *mbtiles)
{
  return metadata_uint (mbtiles, "maxzoom", 18);
}

gboolean
gd_mbtiles_get_bounds (GdMbtiles   *mbtiles,
                       GdGeoBounds *bounds)
{
  const char *value = gd_mbtiles_get_metadata (mbtiles, "bounds");
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (bounds != NULL, FALSE);

  if (value == NULL)
    return FALSE;
  parts = g_strsplit (value, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;
  bounds->west = g_ascii_strtod (parts[0], NULL);
  bounds->south = g_ascii_strtod (parts[1], NULL);
  bounds->east = g_ascii_strtod (parts[2], NULL);
  bounds->north = g_ascii_strtod (parts[3], NULL);
  return !gd_geo_bounds_is_empty (bounds);
}

GBytes *
gd_mbtiles_read_tile (GdMbtiles  *mbtiles,
                      int         zoom,
                      int         x,
                      int         y,
                      GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (mbtiles != NULL, NULL);
  g_return_val_if_fail (zoom >= 0 && zoom < 31, NULL);

  locker = g_mutex_locker_new (&mbtiles->lock);
  sqlite3_reset (mbtiles->read);
  sqlite3_bind_int (mbtiles->read, 1, zoom);
  sqlite3_bind_int (mbtiles->read, 2, x);
  sqlite3_bind_int (mbtiles->read, 3, (1 << zoom) - 1 - y);
  rc = sqlite3_step (mbtiles->read);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (mbtiles->read, 0),
                         (gsize) sqlite3_column_bytes (mbtiles->read, 0));
  else if (rc != SQLITE_DONE)
    set_error (mbtiles, error, _("reading a tile"));
  sqlite3_reset (mbtiles->read);
  return bytes;
}

gboolean
gd_mbtiles_write_tile (GdMbtiles     *mbtiles,
                       int            zoom,
                       int            x,
                       int            y,
                       const guint8  *data,
                       gsize          length,
                       GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  int rc;

  g_return_val_if_fail (mbtiles != NULL && mbtiles->write != NULL, FALSE);
  g_return_val_if_fail (zoom >= 0 && zoom < 31, FALSE);

  locker = g_mutex_locker_new (&mbtiles->lock);
  sqlite3_reset (mbtiles->write);
  sqlite3_bind_int (mbtiles->write, 1, zoom);
  sqlite3_bind_int (mbtiles->write, 2, x);
  sqlite3_bind_int (mbtiles->write, 3, (1 << zoom) - 1 - y);
  sqlite3_bind_blob (mbtiles->write, 4, data, (int) length, SQLITE_STATIC);
  rc = sqlite3_step (mbtiles->write);
  sqlite3_reset (mbtiles->write);
  if (rc != SQLITE_DONE)
    {
      set_error (mbtiles, error, _("writing a tile"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (GdMbtiles  *mbtiles,
      const char *sql,
      GError    **error)
{
  if (sqlite3_exec (mbtiles->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_error (mbtiles, error, sql);
      return FALSE;
    }
  return TRUE;
}

gboolean
gd_mbtiles_begin (GdMbtiles  *mbtiles,
                  GError    **error)
{
  g_return_val_if_fail (mbtiles != NULL, FALSE);
  return exec (mbtiles, "BEGIN", error);
}

gboolean
gd_mbtiles_commit (GdMbtiles  *mbtiles,
                   GError    **error)
{
  g_return_val_if_fail (mbtiles != NULL, FALSE);
  return exec (mbtiles, "COMMIT", error);
}
