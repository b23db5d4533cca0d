/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store-index"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gd-incident-query.h"
#include "gd-codes.h"
#include "gd-json.h"
#include "gd-organisation.h"
#include "gd-store-private.h"

/* Derived query tables: rebuilt for one document inside the write's transaction. */

static const char *const clear_statements[] = {
  "DELETE FROM grids WHERE doc = ?",
  "DELETE FROM households WHERE doc = ?",
  "DELETE FROM persons WHERE doc = ?",
  "DELETE FROM incidents WHERE doc = ?",
  "DELETE FROM disputes WHERE doc = ?",
  "DELETE FROM patrols WHERE doc = ?",
  "DELETE FROM organisations WHERE doc = ?",
  "DELETE FROM map_points WHERE doc = ?",
  "DELETE FROM patrol_visits WHERE doc = ?",
};

/* Binds each value in turn (NULL as SQL NULL) and runs the statement once. */
static gboolean
run (GdStore    *store,
     const char *sql,
     gint64      seq,
     const char *const *values,
     guint       n_values,
     GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  for (guint i = 0; i < n_values; i++)
    {
      if (values[i] != NULL)
        sqlite3_bind_text (stmt, (int) i + 2, values[i], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, (int) i + 2);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("updating query tables"));
      return FALSE;
    }
  return TRUE;
}

#define RUN(store, sql, seq, error, ...) \
  run (store, sql, seq, (const char *const[]) { __VA_ARGS__ }, \
       G_N_ELEMENTS (((const char *const[]) { __VA_ARGS__ })), error)

static gboolean
index_grid (GdStore *store, gint64 seq, JsonObject *doc, GError **error)
{
  return RUN (store,
              "INSERT INTO grids (doc, code, name, level, kind, parent, village) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", seq, error,
              gd_json_get_string (doc, "code"), gd_json_get_string (doc, "name"),
              gd_json_get_string (doc, "level"), gd_json_get_string (doc, "kind"),
              gd_json_get_string (doc, "parent"), gd_json_get_string (doc, "village"));
}

static const char *
head_name (const GdHouseholdFields *household)
{
  for (guint i = 0; household->members != NULL && i < household->members->len; i++)
    {
      const GdMemberFields *member = &g_array_index (household->members, GdMemberFields, i);
      if (g_strcmp0 (member->relation, HEAD_RELATION) == 0)
        return member->name;
    }
  return NULL;
}

static gboolean
index_household (GdStore                 *store,
                 gint64                   seq,
                 const GdHouseholdFields *household,
                 GPtrArray               *search_rows,
                 GdSearchRewrite         *rewrite,
                 GError                 **error)
{
  guint n_members = household->members ? household->members->len : 0;
  g_autofree char *count = g_strdup_printf ("%u", n_members);
  g_autoptr(GString) all_tags = g_string_new (NULL);
  g_autofree char *household_tags = NULL;
  g_autoptr(GPtrArray) keys = search_rows ? g_ptr_array_ref (search_rows) : gd_search_key_rows (household);

  /* search rows in rowid order, the household's own first: a smaller rowid than the last
   * one makes FTS5 write out everything it buffered (a segment per household) */
  if (!gd_search_rewrite_add (store, rewrite, seq, -1, keys->pdata[0], error))
    return FALSE;
  for (guint i = 0; i < n_members; i++)
    {
      const GdMemberFields *member = &g_array_index (household->members, GdMemberFields, i);
      char position[16];
      g_autofree char *id_number = NULL;
      const char *member_keys = i + 1 < keys->len ? keys->pdata[i + 1] : NULL;

      if (!member->is_object)
        continue;
      g_snprintf (position, sizeof position, "%u", i);
      id_number = g_ascii_strup (member->id_number ?: "", -1);
      if (member->tags != NULL)
        g_string_append (all_tags, member->tags);
      if (!RUN (store,
                "INSERT INTO persons (doc, position, member_id, name, id_number, sex, birth_date, "
                "phone, relation, residence, tags, grid, search_keys, checks) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, nullif (?13, ''), "
                GD_PERSON_CHECKS ("?5", "?7", "?11") ")",
                seq, error,
                position, member->id ?: position, member->name, *id_number ? id_number : NULL,
                member->sex, member->birth_date, member->phone, member->relation,
                member->residence, member->tags, household->grid, member_keys)
          || !gd_search_rewrite_add (store, rewrite, seq, (int) i, member_keys, error))
        return FALSE;
    }

  household_tags = all_tags->len > 0 ? g_string_free (g_steal_pointer (&all_tags), FALSE) : NULL;
  return RUN (store,
              "INSERT INTO households (doc, doc_id, number, address, grid, village, housing, "
              "head_name, members, tags, updated_at, search_keys) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, nullif (?12, ''))", seq, error,
              household->id, household->number, household->address, household->grid,
              household->village, household->housing, head_name (household), count,
              household_tags, household->updated_at, keys->pdata[0]);
}

/* closed_at: when the incident last reached `archived`, from its timeline */
static const char *
incident_closed_at (JsonObject *doc)
{
  JsonArray *timeline = gd_json_get_array (doc, "timeline");
  const char *closed_at = NULL;

  if (g_strcmp0 (gd_json_get_string (doc, "status"), "archived") != 0)
    return NULL;
  for (guint i = 0; timeline != NULL && i < json_array_get_length (timeline); i++)
    {
      JsonObject *entry = json_array_get_object_element (timeline, i);
      if (g_strcmp0 (gd_json_get_string (entry, "to"), "archived") == 0)
        closed_at = gd_json_get_string (entry, "at");
    }
  return closed_at;
}

static gboolean
index_incident (GdStore *store, gint64 seq, JsonObject *doc, GError **error)
{
  return RUN (store,
              "INSERT INTO incidents (doc, doc_id, number, title, category, status, urgency, "
              "source, grid, village, reported_at, deadline, handling_level, closed_at, updated_at, "
              GD_INCIDENT_REPORT_COLUMNS ") "
              /* the report's columns from the body just written, as the migration fills them */
              "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
              GD_INCIDENT_REPORT_VALUES ("d.body") " FROM documents d WHERE d.seq = ?1",
              seq, error,
              gd_json_get_string (doc, "_id"), gd_json_get_string (doc, "number"),
              gd_json_get_string (doc, "title"), gd_json_get_string (doc, "category"),
              gd_json_get_string (doc, "status"), gd_json_get_string (doc, "urgency"),
              gd_json_get_string (doc, "source"), gd_json_get_string (doc, "grid"),
              gd_json_get_string (doc, "village"), gd_json_get_string (doc, "reported_at"),
              gd_json_get_string (doc, "deadline"), gd_json_get_string (doc, "handling_level"),
              incident_closed_at (doc), gd_json_get_string (doc, "updated_at"));
}

static gboolean
index_dispute (GdStore *store, gint64 seq, JsonObject *doc, GError **error)
{
  return RUN (store,
              "INSERT INTO disputes (doc, doc_id, number, category, status, room, source, grid, "
              "village, received_at, accepted_at, closed_at, parties) "
              "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
              GD_DISPUTE_PARTIES ("d.body") " FROM documents d WHERE d.seq = ?1", seq, error,
              gd_json_get_string (doc, "_id"), gd_json_get_string (doc, "number"),
              gd_json_get_string (doc, "category"), gd_json_get_string (doc, "status"),
              gd_json_get_string (doc, "room"), gd_json_get_string (doc, "source"),
              gd_json_get_string (doc, "grid"), gd_json_get_string (doc, "village"),
              gd_json_get_string (doc, "received_at"), gd_json_get_string (doc, "accepted_at"),
              gd_json_get_string (doc, "closed_at"));
}

static gboolean
index_patrol (GdStore *store, gint64 seq, JsonObject *doc, GError **error)
{
  return RUN (store,
              "INSERT INTO patrols (doc, doc_id, kind, grid, patroller, started_at, ended_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", seq, error,
              gd_json_get_string (doc, "_id"), gd_json_get_string (doc, "kind"),
              gd_json_get_string (doc, "grid"), gd_json_get_string (doc, "patroller"),
              gd_json_get_string (doc, "started_at"), gd_json_get_string (doc, "ended_at"))
         /* its visits from the body just written, as the migration fills them */
         && run (store, "INSERT INTO patrol_visits (doc, household, started_at, grid) "
                 GD_PATROL_VISITS_SELECT "AND t.doc = ?1", seq, NULL, 0, error);
}

static gboolean
insert_map_point (GdStore    *store,
                  gint64      seq,
                  const char *id,
                  const char *type,
                  const char *grid,
                  double      lat,
                  double      lon,
                  const char *status,
                  const char *deadline,
                  GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT INTO map_points (doc, doc_id, kind, grid, lat, lon, status, deadline) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  gd_store_bind_text (stmt, 2, id);
  gd_store_bind_text (stmt, 3, type);
  gd_store_bind_text (stmt, 4, grid);
  sqlite3_bind_double (stmt, 5, lat);
  sqlite3_bind_double (stmt, 6, lon);
  gd_store_bind_text (stmt, 7, status);
  gd_store_bind_text (stmt, 8, deadline);
  return gd_store_step_done (store, stmt, N_("updating query tables"), error);
}

/* incidents and disputes with a numeric location, for the map (households: below) */
static gboolean
index_map_point (GdStore    *store,
                 gint64      seq,
                 const char *type,
                 JsonObject *doc,
                 GError    **error)
{
  JsonObject *location = gd_json_get_object (doc, "location");
  double lat, lon;

  if (!gd_json_get_number (location, "lat", &lat) || !gd_json_get_number (location, "lon", &lon))
    return TRUE;
  return insert_map_point (store, seq, gd_json_get_string (doc, "_id"), type,
                           gd_json_get_string (doc, "grid"), lat, lon,
                           gd_json_get_string (doc, "status"), gd_json_get_string (doc, "deadline"),
                           error);
}

/* A household's rows, search rows and map point: from its fields, however they were read. */
static gboolean
index_household_fields (GdStore                 *store,
                        gint64                   seq,
                        const GdHouseholdFields *household,
                        GPtrArray               *search_rows,
                        GdSearchRewrite         *rewrite,
                        GError                 **error)
{
  if (household->has_location
      && !insert_map_point (store, seq, household->id, "household", household->grid,
                            household->lat, household->lon, household->status, NULL, error))
    return FALSE;
  return index_household (store, seq, household, search_rows, rewrite, error);
}

/* An organisation: its query row with the open hazards of its inspections, its search row,
 * and its map point (status: the risk level; deadline: the earliest rectification date of an
 * open hazard, as the instant it runs out). */
static gboolean
index_organisation (GdStore         *store,
                    gint64           seq,
                    JsonObject      *doc,
                    GdSearchRewrite *rewrite,
                    GError         **error)
{
  g_autoptr(GArray) hazards = gd_organisation_open_hazards (doc);
  g_autofree char *keys = gd_search_organisation_keys (doc);
  g_autofree char *n_hazards = g_strdup_printf ("%u", hazards->len);
  g_autofree char *deadline = NULL;
  JsonObject *last = gd_organisation_last_inspection (doc);
  JsonObject *risk = gd_json_get_object (doc, "risk");
  JsonObject *location = gd_json_get_object (doc, "location");
  JsonObject *representative = gd_json_get_object (doc, "representative");
  const char *rectify_by = NULL;
  const char *level = risk != NULL ? gd_json_get_string (risk, "level") : NULL;
  double lat, lon;

  for (guint i = 0; i < hazards->len; i++)
    {
      const char *day = g_array_index (hazards, GdOpenHazard, i).rectify_by;
      if (day != NULL && (rectify_by == NULL || strcmp (day, rectify_by) < 0))
        rectify_by = day;
    }
  if (!RUN (store,
            "INSERT INTO organisations (doc, doc_id, name, kind, premises, credit_code, "
            "representative, grid, village, status, risk, last_inspected, open_hazards, "
            "rectify_by, search_keys) "
            "VALUES (?1, ?2, ?3, ?4, ?5, upper (?6), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
            "nullif (?15, ''))", seq, error,
            gd_json_get_string (doc, "_id"), gd_json_get_string (doc, "name"),
            gd_json_get_string (doc, "kind"), gd_json_get_string (doc, "premises"),
            gd_json_get_string (doc, "credit_code"),
            representative != NULL ? gd_json_get_string (representative, "name") : NULL,
            gd_json_get_string (doc, "grid"),
            gd_json_get_string (doc, "village"), gd_json_get_string (doc, "status"), level,
            last != NULL ? gd_json_get_string (last, "at") : NULL, n_hazards, rectify_by, keys)
      || !gd_search_rewrite_add (store, rewrite, seq, -1, keys, error))
    return FALSE;
  if (location == NULL || !gd_json_get_number (location, "lat", &lat)
      || !gd_json_get_number (location, "lon", &lon))
    return TRUE;
  deadline = rectify_by != NULL ? gd_incident_day_start (rectify_by, 1) : NULL;
  return insert_map_point (store, seq, gd_json_get_string (doc, "_id"), "organisation",
                           gd_json_get_string (doc, "grid"), lat, lon, level, deadline, error);
}

/* The rows of a document from its object. */
static gboolean
index_object (GdStore         *store,
              gint64           seq,
              JsonObject      *doc,
              GPtrArray       *search_rows,
              GdSearchRewrite *rewrite,
              GError         **error)
{
  const char *type = gd_json_get_string (doc, "type");

  switch (gd_doc_type_from_string (type))
    {
    case GD_DOC_GRID:
      return index_grid (store, seq, doc, error);
    case GD_DOC_HOUSEHOLD:
      {
        g_autoptr(GdHouseholdFields) household = gd_household_fields_from_object (doc);
        return index_household_fields (store, seq, household, search_rows, rewrite, error);
      }
    case GD_DOC_INCIDENT:
      return index_map_point (store, seq, type, doc, error)
             && index_incident (store, seq, doc, error);
    case GD_DOC_DISPUTE:
      return index_map_point (store, seq, type, doc, error)
             && index_dispute (store, seq, doc, error);
    case GD_DOC_PATROL:
      return index_patrol (store, seq, doc, error);
    case GD_DOC_ORGANISATION:
      return index_organisation (store, seq, doc, rewrite, error);
    case GD_DOC_COMPONENT:
    case GD_DOC_MEDIATOR:
    case GD_DOC_UNKNOWN:
    default:
      return TRUE;
    }
}

gboolean
gd_store_index_document (GdStore          *store,
                         gint64            seq,
                         JsonObject       *doc,
                         const GdRowWrite *how,
                         GError          **error)
{
  g_autoptr(GdSearchRewrite) rewrite = gd_search_rewrite_begin (store, seq, how->fresh, error);
  gboolean ok;

  if (rewrite == NULL)
    return FALSE;
  for (guint i = 0; !how->fresh && i < G_N_ELEMENTS (clear_statements); i++)
    if (!run (store, clear_statements[i], seq, NULL, 0, error))
      return FALSE;
  if (how->deleted)
    ok = TRUE;
  else if (how->household != NULL)
    ok = index_household_fields (store, seq, how->household, how->search_rows, rewrite, error);
  else
    ok = index_object (store, seq, doc, how->search_rows, rewrite, error);
  /* the old search rows no new one replaced (a member gone, a type changed, a delete) */
  return ok && gd_search_rewrite_end (store, rewrite, error);
}
