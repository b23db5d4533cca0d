/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-validate"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>

#include "gd-limits.h"
#include "gd-ring.h"
#include "gd-validate-private.h"

/* Grid documents (county → town → village → grid) and the GeoJSON geometry check. */

static const char *const level_names[] = { "county", "town", "village", "grid", NULL };
static const char *const grid_kinds[] = { "comprehensive", "special", NULL };
static const char *const boundary_types[] = { "Polygon", "MultiPolygon", NULL };

/* A division level in words, for messages (gd_level_to_string() gives the code). */
static const char *
level_words (GdLevel level)
{
  switch (level)
    {
    case GD_LEVEL_COUNTY:
      return C_("division level", "county");
    case GD_LEVEL_TOWN:
      return C_("division level", "town");
    case GD_LEVEL_VILLAGE:
      return C_("division level", "village");
    case GD_LEVEL_GRID:
    default:
      return C_("division level", "grid");
    }
}

/* One geometry's findings stop at GD_LIMIT_ISSUES_PER_FIELD: a ring of thousands of positions
 * outside China is one problem, not thousands of lines. */
typedef struct {
  GdCheck *check;
  guint    reported;
  guint    skipped;
} Geometry;

static void
geometry_error (Geometry   *geometry,
                const char *path,
                const char *format,
                ...) G_GNUC_PRINTF (3, 4);

static void
geometry_error (Geometry   *geometry,
                const char *path,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (geometry->reported >= GD_LIMIT_ISSUES_PER_FIELD)
    {
      geometry->skipped++;
      return;
    }
  geometry->reported++;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  gd_issues_error (geometry->check->issues, path, "%s", message);
}

static gboolean
holds_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A [lon, lat] position inside China; FALSE (reported) otherwise. */
static gboolean
check_position (Geometry   *geometry,
                JsonNode   *node,
                const char *path,
                double     *out_lon,
                double     *out_lat)
{
  JsonArray *position = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  double lon, lat;

  if (position == NULL || json_array_get_length (position) < 2
      || !holds_number (json_array_get_element (position, 0))
      || !holds_number (json_array_get_element (position, 1)))
    {
      geometry_error (geometry, path, _("must be a [lon, lat] position"));
      return FALSE;
    }
  lon = json_array_get_double_element (position, 0);
  lat = json_array_get_double_element (position, 1);
  if (lon < GD_CHINA_LON_MIN || lon > GD_CHINA_LON_MAX
      || lat < GD_CHINA_LAT_MIN || lat > GD_CHINA_LAT_MAX)
    {
      geometry_error (geometry, path,
                      _("[%g, %g] is outside China (lon %g to %g, lat %g to %g)"), lon, lat,
                      GD_CHINA_LON_MIN, GD_CHINA_LON_MAX, GD_CHINA_LAT_MIN, GD_CHINA_LAT_MAX);
      return FALSE;
    }
  *out_lon = lon;
  *out_lat = lat;
  return TRUE;
}

/* A LineString (`ring` FALSE, >= 2 positions) or a closed polygon ring (>= 4 positions). */
static void
check_positions (Geometry   *geometry,
                 JsonNode   *node,
                 const char *path,
                 gboolean    ring)
{
  guint min = ring ? 4 : 2;
  g_autoptr(GArray) xy = NULL;
  guint first_edge, second_edge;
  JsonArray *positions;
  gboolean all_valid = TRUE;
  double first_lon = 0, first_lat = 0, lon = 0, lat = 0;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      geometry_error (geometry, path, _("must be an array of positions"));
      return;
    }
  positions = json_node_get_array (node);
  n = json_array_get_length (positions);
  if (n < min)
    {
      /* whole sentences, so each can be translated as one */
      if (ring)
        geometry_error (geometry, path, _("a ring needs at least %u positions, has %u"), min, n);
      else
        geometry_error (geometry, path, _("a line needs at least %u positions, has %u"), min, n);
      return;
    }
  xy = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *position_path = g_strdup_printf ("%s[%u]", path, i);

      if (!check_position (geometry, json_array_get_element (positions, i), position_path,
                           &lon, &lat))
        all_valid = FALSE;
      else
        {
          g_array_append_val (xy, lon);
          g_array_append_val (xy, lat);
        }
      if (i == 0)
        {
          first_lon = lon;
          first_lat = lat;
        }
    }
  if (!ring || !all_valid)
    return;
  if (lon != first_lon || lat != first_lat)
    geometry_error (geometry, path,
                    _("the ring is not closed (its last position must repeat the first)"));
  else if (gd_ring_is_degenerate ((const double *) xy->data, n))
    geometry_error (geometry, path, _("the ring encloses no area (its positions are on one line)"));
  else if (gd_ring_self_intersects ((const double *) xy->data, n, &first_edge, &second_edge))
    /* Translators: two position indexes of the ring */
    geometry_error (geometry, path, _("the ring crosses itself (its edges from positions %u and "
                                      "%u meet)"), first_edge, second_edge);
}

static void
check_polygon (Geometry   *geometry,
               JsonNode   *node,
               const char *path)
{
  JsonArray *rings = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (rings == NULL || json_array_get_length (rings) == 0)
    {
      geometry_error (geometry, path, _("must be an array of rings"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (rings); i++)
    {
      g_autofree char *ring_path = g_strdup_printf ("%s[%u]", path, i);
      check_positions (geometry, json_array_get_element (rings, i), ring_path, TRUE);
    }
}

void
gd_check_geometry (GdCheck           *check,
                   JsonObject        *object,
                   const char        *prefix,
                   const char        *member,
                   const char *const *allowed)
{
  JsonObject *geometry = gd_check_object (check, object, prefix, member, FALSE);
  Geometry found = { check, 0, 0 };
  g_autofree char *inner = NULL;
  g_autofree char *path = NULL;
  const char *type;
  JsonNode *coordinates;

  g_assert (allowed != NULL);
  if (geometry == NULL)
    return;
  inner = g_strconcat (prefix, member, ".", NULL);
  type = gd_check_enum (check, geometry, inner, "type", allowed, TRUE);
  coordinates = json_object_get_member (geometry, "coordinates");
  path = gd_check_path (inner, "coordinates");
  if (type == NULL)
    return;
  if (coordinates == NULL)
    {
      gd_issues_error (check->issues, path, _("is required"));
      return;
    }

  if (g_str_equal (type, "LineString"))
    check_positions (&found, coordinates, path, FALSE);
  else if (g_str_equal (type, "Polygon"))
    check_polygon (&found, coordinates, path);
  else if (g_str_equal (type, "MultiPolygon"))
    {
      JsonArray *polygons = JSON_NODE_HOLDS_ARRAY (coordinates)
                            ? json_node_get_array (coordinates) : NULL;

      if (polygons == NULL || json_array_get_length (polygons) == 0)
        {
          geometry_error (&found, path, _("must be an array of polygons"));
          return;
        }
      for (guint i = 0; i < json_array_get_length (polygons); i++)
        {
          g_autofree char *polygon_path = g_strdup_printf ("%s[%u]", path, i);
          check_polygon (&found, json_array_get_element (polygons, i), polygon_path);
        }
    }
  else
    g_assert_not_reached ();
  if (found.skipped > 0)
    {
      g_autofree char *more = gd_limits_format_count (found.skipped);
      /* Translators: a count of further findings not listed */
      gd_issues_error (check->issues, path, _("and %s more problems in this geometry"), more);
    }
}

/* The town/county documents above a village database are in scope too. */
static gboolean
check_scope (GdCheck    *check,
             const char *code)
{
  const char *scope = check->ctx->scope;
  GdLevel scope_level;

  if (scope == NULL || gd_division_code_within (code, scope)
      || gd_division_code_within (scope, code))
    return TRUE;
  /* Translators: a division code, then the database's level ("town" …) and code */
  gd_check_error (check, "", "code", _("code %s is outside this database's %s %s"), code,
                  gd_level_from_code (scope, &scope_level)
                  ? level_words (scope_level) : C_("division level", "area"),
                  scope);
  return FALSE;
}

static void
check_parent (GdCheck    *check,
              const char *code,
              GdLevel     level)
{
  GdLevel parent_level = level - 1;
  g_autofree char *expected = NULL;
  const char *parent;

  if (level == GD_LEVEL_COUNTY)
    return;
  expected = g_strndup (code, gd_level_code_length (parent_level));
  parent = gd_check_string (check, check->doc, "", "parent", TRUE);
  if (parent != NULL && !g_str_equal (parent, expected))
    /* Translators: the parent's code, its level ("town" …), then this document's code */
    gd_check_error (check, "", "parent", _("must be %s, the %s above %s"), expected,
                    level_words (parent_level), code);
}

/* `village` is the village a document belongs to: itself, the one above, or none. */
static void
check_own_village (GdCheck    *check,
                   const char *code,
                   GdLevel     level)
{
  g_autofree char *expected = NULL;
  const char *village;

  if (level < GD_LEVEL_VILLAGE)
    {
      if (json_object_has_member (check->doc, "village"))
        gd_check_error (check, "", "village", "%s",
                        level == GD_LEVEL_COUNTY ? _("a county has no village")
                                                 : _("a town has no village"));
      return;
    }
  expected = g_strndup (code, gd_level_code_length (GD_LEVEL_VILLAGE));
  village = gd_check_string (check, check->doc, "", "village", TRUE);
  /* a malformed or out-of-scope village was reported with the envelope */
  if (village != NULL && check->village != NULL && !g_str_equal (village, expected))
    /* Translators: a village code, then this document's level ("grid" …) and code */
    gd_check_error (check, "", "village", _("must be %s, the village of %s %s"), expected,
                    level_words (level), code);
}

static void
check_own_grid (GdCheck    *check,
                const char *code,
                GdLevel     level)
{
  const char *grid = gd_check_string (check, check->doc, "", "grid", FALSE);

  if (grid == NULL)
    return;
  if (level != GD_LEVEL_GRID)
    gd_check_error (check, "", "grid", _("only a grid-level document names a grid"));
  else if (!g_str_equal (grid, code))
    gd_check_error (check, "", "grid", _("must be the grid's own code %s"), code);
}

static void
check_code (GdCheck *check,
            GdLevel  level)
{
  const char *code = gd_check_string (check, check->doc, "", "code", TRUE);
  g_autofree char *reason = NULL;

  if (code == NULL)
    return;
  if (!gd_division_code_check (code, level, &reason))
    {
      gd_check_error (check, "", "code", "%s", reason);
      return;
    }
  /* the family checks below would only repeat that it is someone else's area */
  if (!check_scope (check, code))
    return;
  check_parent (check, code, level);
  check_own_village (check, code, level);
  check_own_grid (check, code, level);
}

static void
check_staff (GdCheck *check)
{
  JsonArray *staff = gd_check_id_array (check, check->doc, "", "staff", FALSE);

  if (staff == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (staff); i++)
    {
      g_autofree char *prefix = NULL;
      JsonObject *person = gd_check_element (staff, "", "staff", i, &prefix);

      if (person == NULL)
        continue;
      gd_check_string (check, person, prefix, "name", TRUE);
      gd_check_phone (check, person, prefix, "phone", FALSE);
      gd_check_code (check, person, prefix, "role", "staff-roles", TRUE);
    }
}

void
gd_validate_grid (GdCheck *check)
{
  JsonObject *doc = check->doc;
  const char *level_name = gd_check_enum (check, doc, "", "level", level_names, TRUE);
  JsonObject *leader;
  GdLevel level;

  if (level_name != NULL && gd_level_from_string (level_name, &level))
    {
      check_code (check, level);
      gd_check_enum (check, doc, "", "kind", grid_kinds, level == GD_LEVEL_GRID);
    }
  gd_check_string (check, doc, "", "name", TRUE);
  gd_check_geometry (check, doc, "", "boundary", boundary_types);

  leader = gd_check_object (check, doc, "", "leader", FALSE);
  gd_check_string (check, leader, "leader.", "name", leader != NULL);
  gd_check_phone (check, leader, "leader.", "phone", FALSE);

  check_staff (check);
  gd_check_string (check, doc, "", "party_branch", FALSE);
  gd_check_int (check, doc, "", "households_target", FALSE, 1, NULL);
}
