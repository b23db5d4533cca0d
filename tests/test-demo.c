/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Demo data: sizes, consistency of households and cases, grids that tile, determinism. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gd-demo.h"
#include "gd-demo-private.h"
#include "gd-error.h"
#include "gd-credit-code.h"
#include "gd-incident-flow.h"
#include "gd-organisation.h"
#include "gd-test-fixtures.h"

#define SEED 7

typedef struct {
  char        *dir;
  GdStore     *store;
  GdDemoCounts counts;
} Demo;

/* One village is generated once and shared by the read-only tests. */
static Demo *village;

static Demo *
demo_new (GdDemoScale scale,
          guint64     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Demo *demo = g_new0 (Demo, 1);

  demo->dir = g_dir_make_tmp ("gd-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (demo->dir, "demo.sqlite", NULL);
  demo->store = gd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gd_demo_generate (demo->store, scale, seed, &demo->counts, NULL, NULL, NULL,
                                   &error));
  g_assert_no_error (error);
  return demo;
}

static void
demo_free (Demo *demo)
{
  gd_store_free (demo->store);
  remove_tree (demo->dir);
  g_free (demo->dir);
  g_free (demo);
}

static GPtrArray *
list_all (GdStore    *store,
          GdDocType   type,
          const char *status)
{
  g_autoptr(GError) error = NULL;
  GdListQuery query = { .type = type, .status = status };
  GPtrArray *docs = gd_store_list (store, &query, &error);

  g_assert_no_error (error);
  return docs;
}

static void
test_counts (void)
{
  GdStore *store = village->store;
  GdDemoCounts *c = &village->counts;

  g_assert_cmpstr (gd_store_get_scope (store), ==, "320902101001");
  g_assert_cmpuint (c->villages, ==, 1);
  g_assert_cmpuint (c->grids, >=, 8);
  g_assert_cmpuint (c->grids, <=, 12);
  g_assert_cmpuint (c->households, >=, 2500);
  g_assert_cmpuint (c->households, <=, 3500);
  g_assert_cmpuint (c->persons, >=, 8000);
  g_assert_cmpuint (c->persons, <=, 11000);
  g_assert_cmpuint (c->incidents, >=, 1800);
  g_assert_cmpuint (c->incidents, <=, 2200);
  g_assert_cmpuint (c->disputes, >=, 120);
  g_assert_cmpuint (c->disputes, <=, 180);
  g_assert_cmpuint (c->patrols, >, 0);
  g_assert_cmpuint (c->mediators, >, 0);
  g_assert_cmpuint (c->components, >, 0);

  /* the counts say what the store holds; the village's own grid document comes on top */
  g_assert_cmpint (gd_store_count (store, GD_DOC_GRID, NULL), ==, c->grids + 1);
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, c->households);
  g_assert_cmpint (gd_store_count_persons (store, NULL), ==, c->persons);
  g_assert_cmpint (gd_store_count (store, GD_DOC_INCIDENT, NULL), ==, c->incidents);
  g_assert_cmpint (gd_store_count (store, GD_DOC_DISPUTE, NULL), ==, c->disputes);
  g_assert_cmpint (gd_store_count (store, GD_DOC_PATROL, NULL), ==, c->patrols);
  g_assert_cmpint (gd_store_count (store, GD_DOC_MEDIATOR, NULL), ==, c->mediators);
  g_assert_cmpint (gd_store_count (store, GD_DOC_COMPONENT, NULL), ==, c->components);
  /* about one organisation per ten households */
  g_assert_cmpuint (c->organisations, >=, c->households / 12);
  g_assert_cmpuint (c->organisations, <=, c->households / 8);
  g_assert_cmpint (gd_store_count (store, GD_DOC_ORGANISATION, NULL), ==, c->organisations);
}

static gboolean
has_astral_char (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) > 0xFFFF)
      return TRUE;
  return FALSE;
}

static void
test_households (void)
{
  g_autoptr(GPtrArray) households = list_all (village->store, GD_DOC_HOUSEHOLD, NULL);
  g_autoptr(GHashTable) id_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint astral = 0, rented = 0, floating = 0, persons = 0;

  g_assert_cmpuint (households->len, ==, village->counts.households);
  for (guint i = 0; i < households->len; i++)
    {
      JsonObject *household = g_ptr_array_index (households, i);
      JsonArray *members = gd_json_get_array (household, "members");
      g_autoptr(GHashTable) member_ids = g_hash_table_new (g_str_hash, g_str_equal);
      guint heads = 0;

      g_assert_cmpuint (json_array_get_length (members), >=, 1);
      g_assert_cmpuint (json_array_get_length (members), <=, 6);
      if (g_strcmp0 (gd_json_get_string (household, "housing"), "rented") == 0)
        {
          g_assert_nonnull (gd_json_get_object (household, "rental"));
          rented++;
        }
      for (guint m = 0; m < json_array_get_length (members); m++)
        {
          JsonObject *member = json_array_get_object_element (members, m);
          const char *number = gd_json_get_string (member, "id_number");
          GdIdCard card;
          g_autofree char *reason = NULL;

          persons++;
          heads += g_strcmp0 (gd_json_get_string (member, "relation"), "02") == 0;
          g_assert_true (g_hash_table_add (member_ids, (gpointer) gd_json_get_string (member, "id")));
          /* a real number whose birth date and sex are the member's, once in the store */
          g_assert_true (gd_idcard_parse (number, NULL, &card, &reason));
          g_assert_cmpstr (card.birth_date, ==, gd_json_get_string (member, "birth_date"));
          g_assert_cmpint (card.sex, ==, g_ascii_strtoll (gd_json_get_string (member, "sex"), NULL, 10));
          g_assert_true (g_hash_table_add (id_numbers, g_strdup (number)));
          astral += has_astral_char (gd_json_get_string (member, "name"));
          floating += g_strcmp0 (gd_json_get_string (member, "residence"), "floating") == 0;
        }
      g_assert_cmpuint (heads, ==, 1);
    }

  /* names keep characters outside the BMP through the store */
  g_assert_cmpuint (astral, >, 0);
  /* about a tenth floating population, about an eighth rented houses */
  g_assert_cmpfloat ((double) floating / persons, >, 0.05);
  g_assert_cmpfloat ((double) floating / persons, <, 0.16);
  g_assert_cmpfloat ((double) rented / households->len, >, 0.06);
  g_assert_cmpfloat ((double) rented / households->len, <, 0.2);
}

/* Ray casting over the first ring of a GeoJSON Polygon. */
static gboolean
polygon_contains (JsonObject *polygon,
                  double      lon,
                  double      lat)
{
  JsonArray *rings = gd_json_get_array (polygon, "coordinates");
  JsonArray *ring = json_array_get_array_element (rings, 0);
  guint n = json_array_get_length (ring);
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      JsonArray *a = json_array_get_array_element (ring, i);
      JsonArray *b = json_array_get_array_element (ring, j);
      double xa = json_array_get_double_element (a, 0), ya = json_array_get_double_element (a, 1);
      double xb = json_array_get_double_element (b, 0), yb = json_array_get_double_element (b, 1);

      if ((ya > lat) != (yb > lat) && lon < (xb - xa) * (lat - ya) / (yb - ya) + xa)
        inside = !inside;
    }
  return inside;
}

/* Shoelace area (in square degrees, enough to compare). */
static double
polygon_area (JsonObject *polygon)
{
  JsonArray *ring = json_array_get_array_element (gd_json_get_array (polygon, "coordinates"), 0);
  double sum = 0;

  for (guint i = 0; i + 1 < json_array_get_length (ring); i++)
    {
      JsonArray *a = json_array_get_array_element (ring, i);
      JsonArray *b = json_array_get_array_element (ring, i + 1);
      sum += json_array_get_double_element (a, 0) * json_array_get_double_element (b, 1)
             - json_array_get_double_element (b, 0) * json_array_get_double_element (a, 1);
    }
  return sum / 2;
}

static void
test_grids_tile (void)
{
  g_autoptr(GPtrArray) grids = list_all (village->store, GD_DOC_GRID, NULL);
  g_autoptr(GPtrArray) households = list_all (village->store, GD_DOC_HOUSEHOLD, NULL);
  g_autoptr(GHashTable) boundaries = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *outline = NULL;
  double cells = 0;
  guint special = 0;

  for (guint i = 0; i < grids->len; i++)
    {
      JsonObject *grid = g_ptr_array_index (grids, i);
      JsonObject *boundary = gd_json_get_object (grid, "boundary");

      g_assert_nonnull (boundary);
      if (g_strcmp0 (gd_json_get_string (grid, "level"), "village") == 0)
        {
          outline = boundary;
          continue;
        }
      g_assert_cmpstr (gd_json_get_string (grid, "level"), ==, "grid");
      g_assert_cmpuint (strlen (gd_json_get_string (grid, "code")), ==, 15);
      special += g_strcmp0 (gd_json_get_string (grid, "kind"), "special") == 0;
      /* counter-clockwise cells, positive area */
      g_assert_cmpfloat (polygon_area (boundary), >, 0);
      cells += polygon_area (boundary);
      g_hash_table_insert (boundaries, (gpointer) gd_json_get_string (grid, "code"), boundary);
    }
  g_assert_cmpuint (special, >=, 1);

  /* the cells cover the village without gaps or overlaps */
  g_assert_nonnull (outline);
  g_assert_cmpfloat (fabs (cells - polygon_area (outline)), <, 1e-9);

  for (guint i = 0; i < households->len; i++)
    {
      JsonObject *household = g_ptr_array_index (households, i);
      JsonObject *location = gd_json_get_object (household, "location");
      JsonObject *boundary = g_hash_table_lookup (boundaries, gd_json_get_string (household, "grid"));
      double lat = json_object_get_double_member (location, "lat");
      double lon = json_object_get_double_member (location, "lon");

      g_assert_nonnull (boundary);
      if (!polygon_contains (boundary, lon, lat))
        g_error ("%s at %f,%f lies outside grid %s", gd_json_get_string (household, "_id"),
                 lon, lat, gd_json_get_string (household, "grid"));
      g_assert_true (polygon_contains (outline, lon, lat));
    }
}

static void
test_incidents (void)
{
  g_autoptr(GPtrArray) incidents = list_all (village->store, GD_DOC_INCIDENT, NULL);
  char now[21];
  guint overdue = 0;
  guint levels[4] = { 0 };

  gd_demo_format_time (GD_DEMO_NOW, now);
  for (GdIncidentStatus s = 0; s < GD_INCIDENT_N_STATUSES; s++)
    {
      GdListQuery query = { .type = GD_DOC_INCIDENT, .status = gd_incident_status_to_string (s), .limit = 1 };
      g_autoptr(GPtrArray) some = gd_store_list (village->store, &query, NULL);

      if (some->len == 0)
        g_error ("no incident is %s", gd_incident_status_to_string (s));
    }

  for (guint i = 0; i < incidents->len; i++)
    {
      JsonObject *incident = g_ptr_array_index (incidents, i);
      const char *status = gd_json_get_string (incident, "status");
      const char *previous_at = gd_json_get_string (incident, "reported_at");
      const char *level = gd_json_get_string (incident, "handling_level");
      JsonArray *timeline = gd_json_get_array (incident, "timeline");
      const char *at_status = "registered";
      guint n = timeline != NULL ? json_array_get_length (timeline) : 0;

      /* each step leaves the status the last one reached, later than the one before */
      for (guint t = 0; t < n; t++)
        {
          JsonObject *entry = json_array_get_object_element (timeline, t);
          GdIncidentStatus from, to;

          g_assert_cmpstr (gd_json_get_string (entry, "from"), ==, at_status);
          g_assert_true (gd_incident_status_from_string (gd_json_get_string (entry, "from"), &from));
          g_assert_true (gd_incident_status_from_string (gd_json_get_string (entry, "to"), &to));
          g_assert_true (gd_incident_transition_exists (from, to));
          g_assert_cmpstr (gd_json_get_string (entry, "at"), >=, previous_at);
          g_assert_cmpstr (gd_json_get_string (entry, "at"), <=, now);
          previous_at = gd_json_get_string (entry, "at");
          at_status = gd_json_get_string (entry, "to");
        }
      g_assert_cmpstr (at_status, ==, status);
      if (g_str_equal (status, "archived"))
        g_assert_nonnull (gd_json_get_object (incident, "feedback"));
      if (g_str_equal (status, "returned"))
        g_assert_nonnull (gd_json_get_string (json_array_get_object_element (timeline, n - 1), "note"));
      if (!g_str_equal (status, "archived")
          && g_strcmp0 (gd_json_get_string (incident, "deadline"), now) < 0)
        overdue++;
      levels[g_str_equal (level, "grid") ? 0 : g_str_equal (level, "village") ? 1 : 2]++;
    }

  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (overdue, <, incidents->len / 2);
  /* the 70/20/10 split of grid, village and above */
  g_assert_cmpfloat ((double) levels[0] / incidents->len, >, 0.6);
  g_assert_cmpfloat ((double) levels[0] / incidents->len, <, 0.8);
  g_assert_cmpfloat ((double) levels[2] / incidents->len, >, 0.05);
}

/* Organisations: inspected, a few with hazards whose incidents point back at them, some of
 * those past their rectification date; every credit code checks out. */
static void
test_organisations (void)
{
  g_autoptr(GPtrArray) organisations = list_all (village->store, GD_DOC_ORGANISATION, NULL);
  g_autoptr(GHashTable) premises = g_hash_table_new (g_str_hash, g_str_equal);
  char today[11];
  guint inspected = 0, with_hazards = 0, overdue = 0, with_code = 0;

  gd_demo_format_date (GD_DEMO_NOW + GD_DEMO_CST, today);
  g_assert_cmpuint (organisations->len, ==, village->counts.organisations);
  for (guint i = 0; i < organisations->len; i++)
    {
      JsonObject *org = g_ptr_array_index (organisations, i);
      const char *code = gd_json_get_string (org, "credit_code");
      g_autoptr(GArray) open = gd_organisation_open_hazards (org);

      g_hash_table_add (premises, (gpointer) gd_json_get_string (org, "premises"));
      if (code != NULL)
        {
          g_autofree char *reason = NULL;
          if (!gd_credit_code_parse (code, gd_json_get_string (org, "village"), NULL, &reason))
            g_error ("%s: %s", code, reason);
          with_code++;
        }
      if (gd_organisation_last_inspection (org) != NULL)
        {
          inspected++;
          g_assert_nonnull (gd_json_get_object (org, "risk"));
        }
      with_hazards += open->len > 0;
      for (guint h = 0; h < open->len; h++)
        {
          const GdOpenHazard *hazard = &g_array_index (open, GdOpenHazard, h);
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) incident = gd_store_get (village->store, hazard->incident, &error);
          JsonArray *links;

          g_assert_no_error (error);
          links = gd_json_get_array (gd_json_get_object (incident, "links"), "organisations");
          g_assert_cmpstr (json_array_get_string_element (links, 0), ==, gd_json_get_string (org, "_id"));
          g_assert_true (g_str_has_prefix (gd_json_get_string (incident, "category"), "AQ"));
          overdue += g_strcmp0 (hazard->rectify_by, today) < 0;
        }
    }
  g_assert_cmpuint (g_hash_table_size (premises), >=, 10);
  g_assert_cmpuint (inspected, >, organisations->len / 2);
  g_assert_cmpuint (with_code, >, organisations->len / 2);
  g_assert_cmpuint (with_hazards, >, 0);
  g_assert_cmpuint (with_hazards, <, organisations->len / 2);
  g_assert_cmpuint (overdue, >, 0);
}

static void
test_disputes (void)
{
  static const char * const statuses[] = {
    "received", "accepted", "mediating", "agreed", "failed", "referred", "closed",
  };
  g_autoptr(GPtrArray) disputes = list_all (village->store, GD_DOC_DISPUTE, NULL);
  guint confirmations = 0;

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      GdListQuery query = { .type = GD_DOC_DISPUTE, .status = statuses[s], .limit = 1 };
      g_autoptr(GPtrArray) some = gd_store_list (village->store, &query, NULL);

      if (some->len == 0)
        g_error ("no dispute is %s", statuses[s]);
    }

  for (guint i = 0; i < disputes->len; i++)
    {
      JsonObject *dispute = g_ptr_array_index (disputes, i);
      const char *status = gd_json_get_string (dispute, "status");
      JsonArray *sessions = gd_json_get_array (dispute, "sessions");
      JsonObject *agreement = gd_json_get_object (dispute, "agreement");

      g_assert_true (g_str_has_prefix (gd_json_get_string (dispute, "number"), "(20"));
      if (g_str_equal (status, "mediating") || g_str_equal (status, "agreed")
          || g_str_equal (status, "closed"))
        g_assert_cmpuint (json_array_get_length (sessions), >=, 1);
      if (g_str_equal (status, "agreed") || g_str_equal (status, "closed"))
        {
          const char *last_session = gd_json_get_string (
            json_array_get_object_element (sessions, json_array_get_length (sessions) - 1), "at");

          g_assert_nonnull (agreement);
          g_assert_cmpstr (gd_json_get_string (agreement, "signed_at"), >=, last_session);
          g_assert_nonnull (gd_json_get_string (agreement, "effective_at"));
        }
      if (gd_json_get_string (dispute, "accepted_at") != NULL)
        g_assert_cmpuint (json_array_get_length (gd_json_get_array (dispute, "parties")), >=, 2);
      confirmations += gd_json_get_object (dispute, "judicial_confirmation") != NULL;
    }
  g_assert_cmpuint (confirmations, >, 0);
}

static void
test_patrol_findings (void)
{
  g_autoptr(GPtrArray) patrols = list_all (village->store, GD_DOC_PATROL, NULL);
  guint findings = 0;

  for (guint i = 0; i < patrols->len; i++)
    {
      JsonArray *ids = gd_json_get_array (g_ptr_array_index (patrols, i), "findings");

      for (guint k = 0; k < json_array_get_length (ids); k++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) incident = gd_store_get (village->store,
                                                          json_array_get_string_element (ids, k),
                                                          &error);
          g_assert_no_error (error);
          g_assert_cmpstr (gd_json_get_string (incident, "source"), ==, "patrol");
          findings++;
        }
    }
  g_assert_cmpuint (findings, >, 0);
}

/* The document as the generator made it: without what the store stamps at write time. */
static char *
generated_part (JsonObject *doc)
{
  g_autoptr(JsonObject) copy = gd_json_copy_object (doc);

  /* the store stamps updated_at with the real clock; creation comes from the demo's */
  json_object_remove_member (copy, "updated_at");
  return gd_json_to_string (copy, FALSE);
}

static void
test_deterministic (void)
{
  Demo *again = demo_new (GD_DEMO_VILLAGE, SEED);
  Demo *other = demo_new (GD_DEMO_VILLAGE, SEED + 1);
  guint compared = 0, found_in_other = 0;

  g_assert_cmpmem (&again->counts, sizeof again->counts, &village->counts, sizeof village->counts);

  for (GdDocType type = GD_DOC_GRID; type <= GD_DOC_TYPE_LAST; type++)
    {
      g_autoptr(GPtrArray) docs = list_all (village->store, type, NULL);

      for (guint i = 0; i < docs->len; i += 1 + docs->len / 40)
        {
          JsonObject *doc = g_ptr_array_index (docs, i);
          const char *id = gd_json_get_string (doc, "_id");
          const char *level = gd_json_get_string (doc, "level");
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) same = NULL;
          g_autoptr(JsonObject) different = NULL;
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;

          /* the scope document is written by gd_store_init_scope with an id of its own */
          if (g_strcmp0 (level, "village") == 0 || g_strcmp0 (level, "town") == 0)
            continue;
          same = gd_store_get (again->store, id, &error);
          g_assert_no_error (error);
          a = generated_part (doc);
          b = generated_part (same);
          g_assert_cmpstr (a, ==, b);
          compared++;

          /* another seed: other ids, other people, other cases */
          different = gd_store_get (other->store, id, NULL);
          found_in_other += different != NULL;
        }
    }
  g_assert_cmpuint (compared, >, 100);
  g_assert_cmpuint (found_in_other, ==, 0);
  g_assert_cmpuint (other->counts.households, !=, village->counts.households);

  demo_free (again);
  demo_free (other);
}

typedef struct {
  double       last;
  guint        calls;
  GCancellable *cancel_at_half;
} Progress;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->last = fraction;
  progress->calls++;
  if (progress->cancel_at_half != NULL && fraction >= 0.5)
    g_cancellable_cancel (progress->cancel_at_half);
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gd-test-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GdStore *store = gd_store_open (path, &error);
  Progress progress = { 0, 0, cancellable };
  GdDemoCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_false (gd_demo_generate (store, GD_DEMO_VILLAGE, SEED, &counts, on_progress, &progress,
                                    cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* reported about every 1 % until cancelled at half way */
  g_assert_cmpuint (progress.calls, >=, 40);
  g_assert_cmpfloat (progress.last, <, 0.6);
  /* nothing of the demo itself was kept */
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, 0);
  g_assert_cmpint (gd_store_count (store, GD_DOC_INCIDENT, NULL), ==, 0);
  g_assert_cmpint (gd_store_count (store, GD_DOC_GRID, NULL), ==, 0);
  g_assert_null (gd_store_get_scope (store));

  /* and the same store takes the demo afterwards */
  g_clear_error (&error);
  g_assert_true (gd_demo_generate (store, GD_DEMO_VILLAGE, SEED, &counts, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gd_store_count (store, GD_DOC_HOUSEHOLD, NULL), ==, counts.households);

  gd_store_free (store);
  remove_tree (dir);
}

static void
test_needs_empty_store (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gd_demo_generate (village->store, GD_DEMO_VILLAGE, SEED, NULL, NULL, NULL, NULL,
                                    &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_cmpint (gd_store_count (village->store, GD_DOC_HOUSEHOLD, NULL), ==,
                   village->counts.households);
}

static void
test_town (void)
{
  Demo *town;
  gint64 start;

  start = g_get_monotonic_time ();
  town = demo_new (GD_DEMO_TOWN, SEED);
  g_test_message ("town demo: %.1f s", (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpstr (gd_store_get_scope (town->store), ==, "320902101");
  g_assert_cmpuint (town->counts.villages, ==, 12);
  g_assert_cmpuint (town->counts.grids, >=, 100);
  g_assert_cmpuint (town->counts.grids, <=, 140);
  g_assert_cmpuint (town->counts.households, >=, 27000);
  g_assert_cmpuint (town->counts.households, <=, 36000);
  g_assert_cmpuint (town->counts.persons, >=, 100000);
  g_assert_cmpuint (town->counts.incidents, >=, 45000);
  g_assert_cmpuint (town->counts.incidents, <=, 55000);
  g_assert_cmpuint (town->counts.disputes, >=, 4500);
  g_assert_cmpuint (town->counts.disputes, <=, 5500);
  /* town, villages and grids */
  g_assert_cmpint (gd_store_count (town->store, GD_DOC_GRID, NULL), ==,
                   1 + town->counts.villages + town->counts.grids);
  g_assert_cmpint (gd_store_count_persons (town->store, NULL), ==, town->counts.persons);
  demo_free (town);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/village/counts", test_counts);
  g_test_add_func ("/demo/village/households", test_households);
  g_test_add_func ("/demo/village/grids-tile", test_grids_tile);
  g_test_add_func ("/demo/village/incidents", test_incidents);
  g_test_add_func ("/demo/village/disputes", test_disputes);
  g_test_add_func ("/demo/village/organisations", test_organisations);
  g_test_add_func ("/demo/village/patrol-findings", test_patrol_findings);
  g_test_add_func ("/demo/village/needs-empty-store", test_needs_empty_store);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/cancel", test_cancel);
  /* half a minute: its own meson test (demo-town) passes -m slow, outside the sanitizer pass */
  if (g_test_slow ())
    g_test_add_func ("/demo/town", test_town);

  village = demo_new (GD_DEMO_VILLAGE, SEED);
  status = g_test_run ();
  demo_free (village);
  return status;
}
