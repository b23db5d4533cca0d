/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-demo"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json.h"
#include "gd-demo-private.h"

/* Where the demo lies: 江苏省盐城市亭湖区新兴镇, around 33.38 N 120.16 E. */
#define CENTRE_LON     120.16
#define CENTRE_LAT     33.38
/* one village is about 3.3 km square */
#define VILLAGE_DLON   0.036
#define VILLAGE_DLAT   0.030
#define TOWN_COLUMNS   4
#define TOWN_ROWS      3
#define GRID_COLUMNS   5
#define GRID_ROWS      2

/* ---- randomness, ids, strings ---------------------------------------------------------- */

int
gd_demo_int (GdDemo *demo,
             int     begin,
             int     end)
{
  g_assert (end > begin);
  return g_rand_int_range (demo->rand, begin, end);
}

double
gd_demo_double (GdDemo *demo,
                double  begin,
                double  end)
{
  return g_rand_double_range (demo->rand, begin, end);
}

gboolean
gd_demo_chance (GdDemo *demo,
                double  probability)
{
  return g_rand_double (demo->rand) < probability;
}

guint
gd_demo_weighted (GdDemo      *demo,
                  const guint *weights,
                  guint        n)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  g_assert (total > 0);
  pick = (guint) gd_demo_int (demo, 0, (int) total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  return n - 1;
}

static guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* A v4-shaped UUID from the seed and a counter instead of the system's randomness: the same
 * seed gives the same `_id`s. splitmix64 is a bijection, so distinct counters never collide. */
void
gd_demo_uuid (GdDemo *demo,
              char    out[37])
{
  guint64 key = splitmix64 (demo->seed) + 2 * demo->uuid_counter++;
  guint64 hi = splitmix64 (key);
  guint64 lo = splitmix64 (key + 1);

  g_snprintf (out, 37, "%08x-%04x-4%03x-%04x-%012" G_GINT64_MODIFIER "x",
              (guint) (hi >> 32), (guint) ((hi >> 16) & 0xffff), (guint) (hi & 0x0fff),
              (guint) (((lo >> 48) & 0x3fff) | 0x8000),
              lo & G_GUINT64_CONSTANT (0xffffffffffff));
}

const char *
gd_demo_uuid_dup (GdDemo *demo)
{
  char uuid[37];

  gd_demo_uuid (demo, uuid);
  return g_string_chunk_insert_len (demo->strings, uuid, 36);
}

const char *
gd_demo_doc_id (GdDemo     *demo,
                const char *type)
{
  char uuid[37];

  gd_demo_uuid (demo, uuid);
  return gd_demo_printf (demo, "%s:%s", type, uuid);
}

const char *
gd_demo_strdup (GdDemo     *demo,
                const char *text)
{
  return g_string_chunk_insert_const (demo->strings, text);
}

const char *
gd_demo_printf (GdDemo     *demo,
                const char *format,
                ...)
{
  char buffer[512];
  va_list args;
  int len;

  va_start (args, format);
  len = g_vsnprintf (buffer, sizeof buffer, format, args);
  va_end (args);
  g_assert (len >= 0 && (gsize) len < sizeof buffer);
  return g_string_chunk_insert_len (demo->strings, buffer, len);
}

void
gd_demo_set_uuid (GdDemo     *demo,
                  JsonObject *object,
                  const char *member)
{
  char uuid[37];

  gd_demo_uuid (demo, uuid);
  json_object_set_string_member (object, member, uuid);
}

/* ---- time -------------------------------------------------------------------------------- */

/* Howard Hinnant's civil_from_days: formatting ~10^6 timestamps through GDateTime would cost
 * more than the rest of the generator. */
static void
civil_from_days (gint64 z,
                 int   *year,
                 guint *month,
                 guint *day)
{
  gint64 era;
  guint doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

void
gd_demo_format_time (gint64 unix_utc,
                     char   out[21])
{
  gint64 days = floor_div (unix_utc, GD_DEMO_DAY);
  gint64 secs = unix_utc - days * GD_DEMO_DAY;
  int year;
  guint month, day;

  civil_from_days (days, &year, &month, &day);
  g_snprintf (out, 21, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, month, day,
              (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
}

void
gd_demo_format_date (gint64 unix_local,
                     char   out[11])
{
  int year;
  guint month, day;

  civil_from_days (floor_div (unix_local, GD_DEMO_DAY), &year, &month, &day);
  g_snprintf (out, 11, "%04d-%02u-%02u", year, month, day);
}

gint64
gd_demo_work_time (GdDemo *demo,
                   int     days_ago)
{
  gint64 local_now = GD_DEMO_NOW + GD_DEMO_CST;
  gint64 day_start = floor_div (local_now, GD_DEMO_DAY) * GD_DEMO_DAY - days_ago * GD_DEMO_DAY;
  gint64 local = day_start + 8 * GD_DEMO_HOUR + gd_demo_int (demo, 0, 10 * 60) * 60;

  /* today's office hours end at "now" */
  if (local > local_now - 600)
    local = day_start + 8 * GD_DEMO_HOUR + gd_demo_int (demo, 0, 8 * 60) * 60;
  return local - GD_DEMO_CST;
}

gint64
gd_demo_office_hours (gint64 unix_utc)
{
  gint64 local = unix_utc + GD_DEMO_CST;
  gint64 day = floor_div (local, GD_DEMO_DAY) * GD_DEMO_DAY;

  /* squeeze the whole local day into 08:00-18:00: monotonic, never later than 18:00 */
  return day + 8 * GD_DEMO_HOUR + (local - day) * 10 / 24 / 60 * 60 - GD_DEMO_CST;
}

void
gd_demo_set_time (JsonObject *object,
                  const char *member,
                  gint64      unix_utc)
{
  char text[21];

  gd_demo_format_time (unix_utc, text);
  json_object_set_string_member (object, member, text);
}

void
gd_demo_set_date (JsonObject *object,
                  const char *member,
                  gint64      unix_local)
{
  char text[11];

  gd_demo_format_date (unix_local, text);
  json_object_set_string_member (object, member, text);
}

/* ---- documents --------------------------------------------------------------------------- */

JsonObject *
gd_demo_envelope (GdDemo     *demo,
                  const char *type,
                  const char *doc_id,
                  GdDemoGrid *grid,
                  gint64      created_at)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", type);
  if (grid != NULL)
    {
      json_object_set_string_member (doc, "village", grid->village->code);
      json_object_set_string_member (doc, "grid", grid->code);
    }
  gd_demo_set_time (doc, "created_at", created_at);
  json_object_set_string_member (doc, "created_by", GD_DEMO_ACTOR);
  return doc;
}

static double
round6 (double value)
{
  return round (value * 1e6) / 1e6;
}

JsonObject *
gd_demo_location_new (GdDemoPoint point,
                      const char *address)
{
  JsonObject *location = json_object_new ();

  json_object_set_double_member (location, "lat", point.lat);
  json_object_set_double_member (location, "lon", point.lon);
  if (address != NULL)
    json_object_set_string_member (location, "address", address);
  return location;
}

gboolean
gd_demo_put (GdDemo     *demo,
             JsonObject *doc,
             GError    **error)
{
  g_autoptr(JsonObject) owned = doc;
  g_autofree char *id = NULL;
  int percent;

  if (g_cancellable_set_error_if_cancelled (demo->cancellable, error))
    return FALSE;

  id = gd_store_put (demo->store, doc, GD_DEMO_ACTOR, NULL, error);
  if (id == NULL)
    {
      g_prefix_error (error, "demo %s: ", json_object_get_string_member_with_default (doc, "_id", "?"));
      return FALSE;
    }

  demo->done++;
  percent = demo->total > 0 ? (int) MIN (100, demo->done * 100 / demo->total) : 100;
  if (percent > demo->last_percent)
    {
      demo->last_percent = percent;
      if (demo->progress != NULL)
        demo->progress (MIN (0.99, demo->done / (double) demo->total), demo->progress_data);
    }
  return TRUE;
}

/* ---- geometry ---------------------------------------------------------------------------- */

/* corner: sw, se, ne, nw; (u, v) in [0, 1]^2. A convex quad is the bilinear image of the
 * unit square, so any (u, v) inside lands inside the quad. */
static GdDemoPoint
bilinear (const GdDemoPoint corner[4],
          double            u,
          double            v)
{
  GdDemoPoint p;

  p.lon = (1 - v) * ((1 - u) * corner[0].lon + u * corner[1].lon)
          + v * ((1 - u) * corner[3].lon + u * corner[2].lon);
  p.lat = (1 - v) * ((1 - u) * corner[0].lat + u * corner[1].lat)
          + v * ((1 - u) * corner[3].lat + u * corner[2].lat);
  return p;
}

GdDemoPoint
gd_demo_grid_point_near (GdDemo     *demo,
                         GdDemoGrid *grid,
                         double      u,
                         double      v,
                         double      spread)
{
  GdDemoPoint p;

  double du = gd_demo_double (demo, -spread, spread);
  double dv = gd_demo_double (demo, -spread, spread);

  /* a margin keeps rounded coordinates clear of the edges */
  u = CLAMP (u + du, 0.04, 0.96);
  v = CLAMP (v + dv, 0.04, 0.96);
  p = bilinear (grid->corner, u, v);
  p.lon = round6 (p.lon);
  p.lat = round6 (p.lat);
  return p;
}

GdDemoPoint
gd_demo_grid_point (GdDemo     *demo,
                    GdDemoGrid *grid)
{
  return gd_demo_grid_point_near (demo, grid, 0.5, 0.5, 0.5);
}

/* (nx+1) x (ny+1) vertices over the quad `corner`, row by row from the south. Corners stay,
 * edge vertices slide along their edge and inner ones move freely, so neighbouring cells
 * share vertices exactly and the cells tile the quad without gaps. */
static GdDemoPoint *
lattice_new (GdDemo            *demo,
             const GdDemoPoint  corner[4],
             guint              nx,
             guint              ny,
             double             jitter)
{
  GdDemoPoint *points = g_new (GdDemoPoint, (nx + 1) * (ny + 1));

  for (guint j = 0; j <= ny; j++)
    for (guint i = 0; i <= nx; i++)
      {
        double u = (double) i / nx;
        double v = (double) j / ny;
        GdDemoPoint p;

        if (i > 0 && i < nx)
          u += gd_demo_double (demo, -jitter, jitter) / nx;
        if (j > 0 && j < ny)
          v += gd_demo_double (demo, -jitter, jitter) / ny;
        p = bilinear (corner, u, v);
        p.lon = round6 (p.lon);
        p.lat = round6 (p.lat);
        points[j * (nx + 1) + i] = p;
      }
  return points;
}

static void
lattice_cell (const GdDemoPoint *points,
              guint              nx,
              guint              i,
              guint              j,
              GdDemoPoint        out[4])
{
  out[0] = points[j * (nx + 1) + i];
  out[1] = points[j * (nx + 1) + i + 1];
  out[2] = points[(j + 1) * (nx + 1) + i + 1];
  out[3] = points[(j + 1) * (nx + 1) + i];
}

static void
ring_add (JsonArray   *ring,
          GdDemoPoint  p)
{
  JsonArray *pair = json_array_sized_new (2);

  json_array_add_double_element (pair, p.lon);
  json_array_add_double_element (pair, p.lat);
  json_array_add_array_element (ring, pair);
}

/* GeoJSON Polygon of a closed counter-clockwise ring */
static JsonObject *
polygon_new (const GdDemoPoint *points,
             guint              n)
{
  JsonObject *polygon = json_object_new ();
  JsonArray *rings = json_array_new ();
  JsonArray *ring = json_array_sized_new (n + 1);

  for (guint i = 0; i < n; i++)
    ring_add (ring, points[i]);
  ring_add (ring, points[0]);
  json_array_add_array_element (rings, ring);
  json_object_set_string_member (polygon, "type", "Polygon");
  json_object_set_array_member (polygon, "coordinates", rings);
  return polygon;
}

/* The outline of a lattice (its cells' union), counter-clockwise from the south-west. */
static JsonObject *
lattice_outline (const GdDemoPoint *points,
                 guint              nx,
                 guint              ny)
{
  g_autofree GdDemoPoint *ring = g_new (GdDemoPoint, 2 * (nx + ny));
  guint n = 0;

  for (guint i = 0; i < nx; i++)
    ring[n++] = points[i];
  for (guint j = 0; j < ny; j++)
    ring[n++] = points[j * (nx + 1) + nx];
  for (guint i = nx; i > 0; i--)
    ring[n++] = points[ny * (nx + 1) + i];
  for (guint j = ny; j > 0; j--)
    ring[n++] = points[j * (nx + 1)];
  return polygon_new (ring, n);
}

/* ---- the plan ---------------------------------------------------------------------------- */

/* what only the village being generated needs */
static void
grid_free_people (GdDemoGrid *grid)
{
  g_clear_pointer (&grid->households, g_array_unref);
  g_clear_pointer (&grid->daily_patrols, g_ptr_array_unref);
  g_clear_pointer (&grid->other_patrols, g_ptr_array_unref);
}

static void
grid_free (gpointer data)
{
  grid_free_people (data);
  g_free (data);
}

static void
village_free_people (GdDemoVillage *village)
{
  g_clear_pointer (&village->households, g_array_unref);
  g_clear_pointer (&village->persons, g_array_unref);
  g_clear_pointer (&village->disputes, g_array_unref);
  for (guint i = 0; i < village->grids->len; i++)
    grid_free_people (g_ptr_array_index (village->grids, i));
}

static void
village_free (gpointer data)
{
  GdDemoVillage *village = data;

  village_free_people (village);
  g_clear_pointer (&village->mediators, g_array_unref);
  g_clear_pointer (&village->grids, g_ptr_array_unref);
  g_free (village->lattice);
  g_free (village);
}

static const char *
staff_role (guint index)
{
  static const char * const roles[] = { "full_time", "part_time", "party_member", "volunteer" };

  return roles[MIN (index, G_N_ELEMENTS (roles) - 1)];
}

static void
plan_staff (GdDemo     *demo,
            GdDemoGrid *grid)
{
  grid->n_staff = (guint) gd_demo_int (demo, 2, 5);
  for (guint i = 0; i < grid->n_staff; i++)
    {
      GdDemoStaff *staff = &grid->staff[i];

      staff->id = gd_demo_uuid_dup (demo);
      staff->name = gd_demo_someone (demo, 0.45, 1968, 1998);
      staff->phone = gd_demo_mobile (demo);
      staff->role = staff_role (i);
    }
}

static void
plan_grids (GdDemo        *demo,
            GdDemoVillage *village,
            guint         *road_serial,
            guint         *group_serial)
{
  gboolean town = demo->scale == GD_DEMO_TOWN;
  guint n = GRID_COLUMNS * GRID_ROWS;
  /* the special grid (school, industrial park) lies in the northern row */
  guint special = (guint) gd_demo_int (demo, GRID_COLUMNS, n);

  village->lattice = lattice_new (demo, village->corner, GRID_COLUMNS, GRID_ROWS, 0.18);
  village->grids = g_ptr_array_new_with_free_func (grid_free);

  for (guint k = 0; k < n; k++)
    {
      GdDemoGrid *grid = g_new0 (GdDemoGrid, 1);
      char number[16];

      grid->village = village;
      grid->seq = k + 1;
      g_snprintf (grid->code, sizeof grid->code, "%s%03u", village->code, grid->seq);
      grid->doc_id = gd_demo_doc_id (demo, "grid");
      lattice_cell (village->lattice, GRID_COLUMNS, k % GRID_COLUMNS, k / GRID_COLUMNS, grid->corner);
      grid->special = k == special;
      /* a rural village's market-town streets are its first cells */
      grid->urban = village->community || k < 3;
      grid->households_target = 50 * (guint) gd_demo_int (demo, 6, 11);
      /* fewer households than the norm's target; a town's villages a little fewer still */
      grid->n_households = town ? (guint) gd_demo_int (demo, 265, 315) : (guint) gd_demo_int (demo, 300, 360);

      if (grid->special)
        {
          grid->name = gd_demo_special_name (village->seq - 1);
          grid->n_households = (guint) gd_demo_int (demo, 40, 90);
          grid->urban = TRUE;
        }

      if (grid->urban)
        {
          grid->roads[0] = gd_demo_road ((*road_serial)++);
          grid->roads[1] = gd_demo_road ((*road_serial)++);
          grid->estate = gd_demo_estate (*road_serial / 2);
          if (!grid->special)
            grid->name = gd_demo_printf (demo, "%s网格", grid->roads[0]);
        }
      else
        {
          grid->first_group = (*group_serial) + 1;
          grid->n_groups = (guint) gd_demo_int (demo, 2, 5);
          *group_serial += grid->n_groups;
          gd_demo_cn_number (grid->seq, number);
          grid->name = gd_demo_printf (demo, "第%s网格", number);
        }

      plan_staff (demo, grid);
      g_ptr_array_add (village->grids, grid);
    }
}

static GdDemoVillage *
plan_village (GdDemo            *demo,
              guint              index,
              const GdDemoPoint  corner[4])
{
  GdDemoVillage *village = g_new0 (GdDemoVillage, 1);
  gboolean town = demo->scale == GD_DEMO_TOWN;
  guint road_serial = index * 5;
  guint group_serial = 0;

  village->seq = index + 1;
  g_snprintf (village->code, sizeof village->code, "%s%03u", GD_DEMO_TOWN_CODE, village->seq);
  village->name = gd_demo_village_name (index, &village->community);
  village->doc_id = gd_demo_doc_id (demo, "grid");
  memcpy (village->corner, corner, sizeof village->corner);
  village->secretary = gd_demo_someone (demo, 0.85, 1965, 1985);
  village->secretary_phone = gd_demo_mobile (demo);
  village->n_incidents = town ? (guint) gd_demo_int (demo, 4100, 4240) : (guint) gd_demo_int (demo, 1950, 2050);
  village->n_disputes = town ? (guint) gd_demo_int (demo, 405, 430) : (guint) gd_demo_int (demo, 140, 160);
  village->n_components = (guint) gd_demo_int (demo, 20, 31);
  village->mediators = g_array_new (FALSE, TRUE, sizeof (GdDemoMediator));

  plan_grids (demo, village, &road_serial, &group_serial);
  return village;
}

static void
plan (GdDemo *demo)
{
  gboolean town = demo->scale == GD_DEMO_TOWN;
  guint nx = town ? TOWN_COLUMNS : 1;
  guint ny = town ? TOWN_ROWS : 1;
  double half_lon = nx * VILLAGE_DLON / 2;
  double half_lat = ny * VILLAGE_DLAT / 2;
  GdDemoPoint corner[4] = {
    { CENTRE_LON - half_lon, CENTRE_LAT - half_lat },
    { CENTRE_LON + half_lon, CENTRE_LAT - half_lat },
    { CENTRE_LON + half_lon, CENTRE_LAT + half_lat },
    { CENTRE_LON - half_lon, CENTRE_LAT + half_lat },
  };

  /* not quite a rectangle; one draw per statement keeps the order of draws fixed */
  corner[0].lon += gd_demo_double (demo, -0.002, 0.002);
  corner[1].lat += gd_demo_double (demo, -0.002, 0.002);
  corner[2].lon += gd_demo_double (demo, -0.002, 0.002);
  corner[3].lat += gd_demo_double (demo, -0.002, 0.002);

  demo->lattice = lattice_new (demo, corner, nx, ny, town ? 0.15 : 0.0);
  demo->lattice_nx = nx;
  demo->lattice_ny = ny;
  demo->villages = g_ptr_array_new_with_free_func (village_free);

  for (guint k = 0; k < nx * ny; k++)
    {
      GdDemoPoint cell[4];

      lattice_cell (demo->lattice, nx, k % nx, k / nx, cell);
      g_ptr_array_add (demo->villages, plan_village (demo, k, cell));
    }

  demo->total = 0;
  for (guint v = 0; v < demo->villages->len; v++)
    {
      GdDemoVillage *village = g_ptr_array_index (demo->villages, v);

      demo->total += 1 + village->grids->len + village->n_incidents + village->n_disputes
                     + village->n_components + 8 /* mediators */;
      for (guint g = 0; g < village->grids->len; g++)
        {
          GdDemoGrid *grid = g_ptr_array_index (village->grids, g);
          /* patrols; organisations (one per ten households) and their hazards */
          demo->total += grid->n_households + 30 + 12 + 6 + grid->n_households / 9;
        }
    }
}

/* ---- writing ----------------------------------------------------------------------------- */

static void
set_leader (JsonObject *doc,
            const char *name,
            const char *phone)
{
  JsonObject *leader = json_object_new ();

  json_object_set_string_member (leader, "name", name);
  json_object_set_string_member (leader, "phone", phone);
  json_object_set_object_member (doc, "leader", leader);
}

/* The grid's own created_at: grids were drawn when the county set up grid management. */
#define GRIDS_CREATED_AT (GD_DEMO_NOW - 700 * GD_DEMO_DAY)

static gboolean
write_grid (GdDemo     *demo,
            GdDemoGrid *grid,
            GError    **error)
{
  JsonObject *doc = gd_demo_envelope (demo, "grid", grid->doc_id, NULL, GRIDS_CREATED_AT);
  JsonArray *staff = json_array_sized_new (grid->n_staff);
  char number[16];

  json_object_set_string_member (doc, "code", grid->code);
  json_object_set_string_member (doc, "name", grid->name);
  json_object_set_string_member (doc, "level", "grid");
  json_object_set_string_member (doc, "kind", grid->special ? "special" : "comprehensive");
  json_object_set_string_member (doc, "parent", grid->village->code);
  json_object_set_string_member (doc, "village", grid->village->code);
  json_object_set_object_member (doc, "boundary", polygon_new (grid->corner, 4));
  set_leader (doc, grid->staff[0].name, grid->staff[0].phone);
  for (guint i = 0; i < grid->n_staff; i++)
    {
      JsonObject *member = json_object_new ();

      json_object_set_string_member (member, "id", grid->staff[i].id);
      json_object_set_string_member (member, "name", grid->staff[i].name);
      json_object_set_string_member (member, "phone", grid->staff[i].phone);
      json_object_set_string_member (member, "role", grid->staff[i].role);
      json_array_add_object_element (staff, member);
    }
  json_object_set_array_member (doc, "staff", staff);
  gd_demo_cn_number (grid->seq, number);
  json_object_set_string_member (doc, "party_branch",
                                 gd_demo_printf (demo, "%s党总支第%s网格党小组",
                                                 grid->village->name, number));
  json_object_set_int_member (doc, "households_target", grid->households_target);
  demo->counts.grids++;
  return gd_demo_put (demo, doc, error);
}

static gboolean
write_village (GdDemo        *demo,
               GdDemoVillage *village,
               GError       **error)
{
  JsonObject *doc = gd_demo_envelope (demo, "grid", village->doc_id, NULL, GRIDS_CREATED_AT);

  json_object_set_string_member (doc, "code", village->code);
  json_object_set_string_member (doc, "name", village->name);
  json_object_set_string_member (doc, "level", "village");
  json_object_set_string_member (doc, "kind", "comprehensive");
  json_object_set_string_member (doc, "parent", GD_DEMO_TOWN_CODE);
  json_object_set_string_member (doc, "village", village->code);
  json_object_set_object_member (doc, "boundary",
                                 lattice_outline (village->lattice, GRID_COLUMNS, GRID_ROWS));
  set_leader (doc, village->secretary, village->secretary_phone);
  json_object_set_string_member (doc, "party_branch",
                                 gd_demo_printf (demo, "%s党总支", village->name));
  return gd_demo_put (demo, doc, error);
}

/* init_scope writes the scope's grid document without a map outline; add it (and the leader
 * of a village scope) so the map can draw the whole area. */
static gboolean
complete_scope_document (GdDemo     *demo,
                         const char *code,
                         JsonObject *boundary,
                         const char *leader_name,
                         const char *leader_phone,
                         GError    **error)
{
  g_autoptr(JsonObject) owned_boundary = boundary;
  g_autoptr(GPtrArray) docs = NULL;
  GdListQuery query = { .type = GD_DOC_GRID, .grid = code };

  docs = gd_store_list (demo->store, &query, error);
  if (docs == NULL)
    return FALSE;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autofree char *id = NULL;

      if (g_strcmp0 (gd_json_get_string (doc, "code"), code) != 0)
        continue;
      json_object_set_object_member (doc, "boundary", g_steal_pointer (&owned_boundary));
      if (leader_name != NULL)
        set_leader (doc, leader_name, leader_phone);
      id = gd_store_put (demo->store, doc, GD_DEMO_ACTOR, NULL, error);
      return id != NULL;
    }
  return TRUE;
}

static gboolean
generate_village (GdDemo        *demo,
                  GdDemoVillage *village,
                  GError       **error)
{
  village->households = g_array_new (FALSE, TRUE, sizeof (GdDemoHousehold));
  village->persons = g_array_new (FALSE, TRUE, sizeof (GdDemoPerson));
  village->disputes = g_array_new (FALSE, TRUE, sizeof (GdDemoDisputeRef));

  if (demo->scale == GD_DEMO_TOWN && !write_village (demo, village, error))
    return FALSE;

  for (guint g = 0; g < village->grids->len; g++)
    if (!write_grid (demo, g_ptr_array_index (village->grids, g), error))
      return FALSE;

  for (guint g = 0; g < village->grids->len; g++)
    if (!gd_demo_households_generate (demo, g_ptr_array_index (village->grids, g), error))
      return FALSE;

  for (guint g = 0; g < village->grids->len; g++)
    gd_demo_patrols_plan (demo, g_ptr_array_index (village->grids, g));

  if (!gd_demo_mediators_generate (demo, village, error)
      || !gd_demo_disputes_generate (demo, village, error)
      || !gd_demo_incidents_generate (demo, village, error)
      || !gd_demo_patrols_generate (demo, village, error)
      || !gd_demo_components_generate (demo, village, error)
      /* last: every other part of the village comes out as it did before organisations */
      || !gd_demo_organisations_generate (demo, village, error))
    return FALSE;

  demo->counts.villages++;
  /* the next village needs none of this village's people */
  village_free_people (village);
  return TRUE;
}

static gboolean
generate (GdDemo  *demo,
          GError **error)
{
  gboolean town = demo->scale == GD_DEMO_TOWN;
  GdDemoVillage *first = g_ptr_array_index (demo->villages, 0);
  const char *scope = town ? GD_DEMO_TOWN_CODE : first->code;
  JsonObject *outline;

  outline = town ? lattice_outline (demo->lattice, demo->lattice_nx, demo->lattice_ny)
                 : lattice_outline (first->lattice, GRID_COLUMNS, GRID_ROWS);
  if (!complete_scope_document (demo, scope, outline,
                                town ? NULL : first->secretary,
                                town ? NULL : first->secretary_phone, error))
    return FALSE;

  for (guint v = 0; v < demo->villages->len; v++)
    if (!generate_village (demo, g_ptr_array_index (demo->villages, v), error))
      return FALSE;

  return TRUE;
}

gboolean
gd_demo_generate (GdStore        *store,
                  GdDemoScale     scale,
                  guint64         seed,
                  GdDemoCounts   *counts,
                  GdDemoProgress  progress,
                  gpointer        progress_data,
                  GCancellable   *cancellable,
                  GError        **error)
{
  GdDemo demo = { 0 };
  GdDemoVillage *first;
  guint32 seed_words[2] = { (guint32) (seed & 0xffffffff), (guint32) (seed >> 32) };
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (scale == GD_DEMO_VILLAGE || scale == GD_DEMO_TOWN, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (gd_store_get_scope (store) != NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   /* Translators: %s is the village or town code the database holds */
                   _("demo data goes into a new, empty database; this one already holds %s"),
                   gd_store_get_scope (store));
      return FALSE;
    }
  if (!gd_demo_cases_prepare (error))
    return FALSE;

  demo.store = store;
  demo.scale = scale;
  demo.seed = seed;
  demo.rand = g_rand_new_with_seed_array (seed_words, G_N_ELEMENTS (seed_words));
  demo.strings = g_string_chunk_new (64 * 1024);
  demo.id_prefixes = g_hash_table_new (g_str_hash, g_str_equal);
  demo.progress = progress;
  demo.progress_data = progress_data;
  demo.cancellable = cancellable;
  demo.last_percent = -1;

  plan (&demo);
  first = g_ptr_array_index (demo.villages, 0);
  if (progress != NULL)
    progress (0.0, progress_data);

  /* one transaction from the scope on: failed or cancelled leaves the file as it was */
  ok = gd_store_begin (store, error);
  if (ok)
    {
      ok = gd_store_init_scope (store, scale == GD_DEMO_TOWN ? GD_DEMO_TOWN_CODE : first->code,
                                scale == GD_DEMO_TOWN ? GD_DEMO_TOWN_NAME : first->name,
                                GD_DEMO_ACTOR, error)
           && generate (&demo, error)
           && gd_store_commit (store, error);
      if (!ok)
        gd_store_rollback (store);
    }

  if (ok)
    {
      if (counts != NULL)
        *counts = demo.counts;
      if (progress != NULL)
        progress (1.0, progress_data);
    }

  g_ptr_array_unref (demo.villages);
  g_free (demo.lattice);
  g_hash_table_unref (demo.id_prefixes);
  g_string_chunk_free (demo.strings);
  g_rand_free (demo.rand);
  return ok;
}
