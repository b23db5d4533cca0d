/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store-schema"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-error.h"
#include "gd-store-private.h"

/* Each entry moves the file from user_version i to i + 1. Never edit a shipped step:
 * append a new one. */
static const char *const migrations[] = {
  /* 1: documents, sync base, outbox order, audit log, derived tables, search keys */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO meta (key, value) VALUES ('change_seq', '0');"

  /* seq is the stable integer handle derived tables point at; id is the document's _id */
  "CREATE TABLE documents ("
  "  seq INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  type TEXT NOT NULL,"
  "  village TEXT,"
  "  grid TEXT,"
  "  sort_key TEXT,"
  "  status TEXT,"
  "  body TEXT NOT NULL,"
  "  base_rev TEXT,"
  "  base_body TEXT,"
  "  dirty INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  change_seq INTEGER NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX documents_by_type ON documents (type, deleted, grid, sort_key);"
  "CREATE INDEX documents_by_status ON documents (type, status, grid) WHERE status IS NOT NULL;"
  "CREATE INDEX documents_outbox ON documents (change_seq) WHERE dirty = 1;"

  "CREATE TABLE attachments ("
  "  doc_id TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  digest TEXT,"
  "  length INTEGER NOT NULL,"
  "  data BLOB,"
  "  PRIMARY KEY (doc_id, name)"
  ") WITHOUT ROWID;"

  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  doc_id TEXT,"
  "  hash_before TEXT,"
  "  hash_after TEXT,"
  "  detail TEXT"
  ");"
  "CREATE INDEX audit_by_doc ON audit_log (doc_id, id);"

  "CREATE TABLE grids ("
  "  doc INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT,"
  "  level TEXT NOT NULL,"
  "  kind TEXT,"
  "  parent TEXT,"
  "  village TEXT"
  ");"
  "CREATE INDEX grids_by_parent ON grids (parent, code);"

  "CREATE TABLE households ("
  "  doc INTEGER PRIMARY KEY,"
  "  doc_id TEXT NOT NULL,"
  "  number TEXT,"
  "  address TEXT,"
  "  grid TEXT,"
  "  village TEXT,"
  "  housing TEXT,"
  "  head_name TEXT,"
  "  members INTEGER NOT NULL,"
  "  tags TEXT,"
  "  updated_at TEXT"
  ");"
  "CREATE INDEX households_by_grid ON households (grid, number);"

  "CREATE TABLE persons ("
  "  doc INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  member_id TEXT NOT NULL,"
  "  name TEXT,"
  "  id_number TEXT,"
  "  sex TEXT,"
  "  birth_date TEXT,"
  "  phone TEXT,"
  "  relation TEXT,"
  "  residence TEXT,"
  "  tags TEXT,"
  "  grid TEXT,"
  "  PRIMARY KEY (doc, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX persons_by_id_number ON persons (id_number) WHERE id_number IS NOT NULL;"
  "CREATE INDEX persons_by_grid ON persons (grid);"

  "CREATE TABLE incidents ("
  "  doc INTEGER PRIMARY KEY,"
  "  doc_id TEXT NOT NULL,"
  "  number TEXT,"
  "  title TEXT,"
  "  category TEXT,"
  "  status TEXT,"
  "  urgency TEXT,"
  "  source TEXT,"
  "  grid TEXT,"
  "  village TEXT,"
  "  reported_at TEXT,"
  "  deadline TEXT,"
  "  handling_level TEXT,"
  "  closed_at TEXT,"
  "  updated_at TEXT"
  ");"
  "CREATE INDEX incidents_by_status ON incidents (status, grid, deadline);"
  "CREATE INDEX incidents_by_grid ON incidents (grid, reported_at);"
  "CREATE INDEX incidents_by_reported ON incidents (reported_at);"

  "CREATE TABLE disputes ("
  "  doc INTEGER PRIMARY KEY,"
  "  doc_id TEXT NOT NULL,"
  "  number TEXT,"
  "  category TEXT,"
  "  status TEXT,"
  "  room TEXT,"
  "  source TEXT,"
  "  grid TEXT,"
  "  village TEXT,"
  "  received_at TEXT,"
  "  accepted_at TEXT,"
  "  closed_at TEXT"
  ");"
  "CREATE INDEX disputes_by_status ON disputes (status, grid);"

  "CREATE TABLE patrols ("
  "  doc INTEGER PRIMARY KEY,"
  "  doc_id TEXT NOT NULL,"
  "  kind TEXT,"
  "  grid TEXT,"
  "  patroller TEXT,"
  "  started_at TEXT,"
  "  ended_at TEXT"
  ");"
  "CREATE INDEX patrols_by_grid ON patrols (grid, started_at);"

  /* member = position in `members`, -1 for the household itself */
  "CREATE TABLE search_keys ("
  "  key TEXT NOT NULL,"
  "  doc INTEGER NOT NULL,"
  "  member INTEGER NOT NULL,"
  "  PRIMARY KEY (key, doc, member)"
  ") WITHOUT ROWID;"
  "CREATE INDEX search_keys_by_doc ON search_keys (doc);",

  /* map: every household, incident and dispute with a location, for the map's points;
   * filled here from the documents already stored */
  "CREATE TABLE map_points ("
  "  doc INTEGER PRIMARY KEY,"
  "  doc_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  grid TEXT,"
  "  lat REAL NOT NULL,"
  "  lon REAL NOT NULL,"
  "  status TEXT,"
  "  deadline TEXT"
  ");"
  "CREATE INDEX map_points_by_lat ON map_points (lat, lon);"
  "INSERT INTO map_points (doc, doc_id, kind, grid, lat, lon, status, deadline) "
  "SELECT seq, id, type, grid, json_extract (body, '$.location.lat'), "
  "  json_extract (body, '$.location.lon'), json_extract (body, '$.status'), "
  "  json_extract (body, '$.deadline') FROM documents "
  "WHERE deleted = 0 AND type IN ('household', 'incident', 'dispute') "
  "  AND json_type (body, '$.location.lat') IN ('real', 'integer') "
  "  AND json_type (body, '$.location.lon') IN ('real', 'integer');",
  /* 3: mediation case numbers, (年)<committee>人调字第N号: the last N given per committee
   * and year, never lowered, so a number is never given twice (seeded from stored cases) */
  "CREATE TABLE dispute_numbers ("
  "  committee TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  last INTEGER NOT NULL,"
  "  PRIMARY KEY (committee, year)"
  ") WITHOUT ROWID;"
  "INSERT INTO dispute_numbers (committee, year, last) "
  "  SELECT substr(number, 7, instr(number, '人调字第') - 7), CAST(substr(number, 2, 4) AS INTEGER),"
  "         max(CAST(substr(number, instr(number, '人调字第') + 4) AS INTEGER)) "
  "  FROM disputes WHERE number LIKE '_____%人调字第%号' AND instr(number, '人调字第') > 7 "
  "  GROUP BY 1, 2;"
  "CREATE INDEX disputes_by_number ON disputes (number) WHERE number IS NOT NULL;"
  /* the case list shows the newest first */
  "CREATE INDEX disputes_by_received ON disputes (received_at);",
  /* 4: sync with the county platform (gd-store-sync.c): per remote database its opaque
   * checkpoint (JSON text, verbatim), the first sync's paging position and the reset marker;
   * true conflicts waiting for a person; documents the server refused, with its reason */
  "CREATE TABLE sync_state ("
  "  database TEXT PRIMARY KEY,"
  "  checkpoint TEXT,"
  "  initial_seq TEXT,"
  "  next_key TEXT,"
  "  marker TEXT,"
  "  last_sync_at TEXT,"
  "  last_error TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_conflicts ("
  "  id INTEGER PRIMARY KEY,"
  "  doc_id TEXT NOT NULL,"
  "  path TEXT NOT NULL,"
  "  mine TEXT,"
  "  theirs TEXT,"
  "  server_rev TEXT,"
  "  detected_at TEXT NOT NULL,"
  "  UNIQUE (doc_id, path)"
  ");"
  "CREATE TABLE sync_rejected ("
  "  doc_id TEXT PRIMARY KEY,"
  "  error TEXT NOT NULL,"
  "  reason TEXT,"
  "  change_seq INTEGER NOT NULL,"
  "  rejected_at TEXT NOT NULL"
  ") WITHOUT ROWID;",
  /* 5: incident board columns sort a status by deadline (open work) or by last change
   * (archived) over a whole town: without these every column sorted all its rows */
  "CREATE INDEX incidents_by_status_deadline ON incidents (status, deadline);"
  "CREATE INDEX incidents_by_status_updated ON incidents (status, updated_at);",
  /* 6: search keys move from a (key, doc, member) table to an FTS5 index (gd-search-index.c):
   * a tenth of the size, and no second index by document. Each person and household row
   * keeps the keys it was indexed with, which FTS5 needs to delete them. */
  "DROP TABLE search_keys;"
  "ALTER TABLE persons ADD COLUMN search_keys TEXT;"
  "ALTER TABLE households ADD COLUMN search_keys TEXT;"
  "UPDATE persons SET search_keys = gd_search_keys (doc, "
  "  (SELECT body FROM documents WHERE seq = persons.doc), position);"
  "UPDATE households SET search_keys = gd_search_keys (doc, "
  "  (SELECT body FROM documents WHERE seq = households.doc), -1);"
  "CREATE VIEW search_rows (rid, keys) AS "
  "  SELECT " GD_SEARCH_ROWID_SQL ("doc", "position") ", search_keys FROM persons "
  "    WHERE search_keys IS NOT NULL "
  "  UNION ALL "
  "  SELECT " GD_SEARCH_ROWID_SQL ("doc", "-1") ", search_keys FROM households "
  "    WHERE search_keys IS NOT NULL;"
  /* detail=none: only which rows hold a key; prefix 2: one-character queries (a tag and a
   * character) read one term instead of merging thousands */
  "CREATE VIRTUAL TABLE search_index USING fts5 (keys, content = 'search_rows', "
  "  content_rowid = 'rid', tokenize = 'griddesk_keys', detail = none, columnsize = 0, "
  "  prefix = '2');"
  "INSERT INTO search_index (search_index) VALUES ('rebuild');",
  /* 7: organisations (单位 · 场所): the register's query table (kind, premises category,
   * risk, open hazards and their earliest rectification date) and its rows in the search
   * index (name, pinyin, credit code, representative, phones), one per organisation */
  "CREATE TABLE organisations ("
  "  doc INTEGER PRIMARY KEY,"
  "  doc_id TEXT NOT NULL,"
  "  name TEXT,"
  "  kind TEXT,"
  "  premises TEXT,"
  "  credit_code TEXT,"
  "  representative TEXT,"
  "  grid TEXT,"
  "  village TEXT,"
  "  status TEXT,"
  "  risk TEXT,"
  "  last_inspected TEXT,"
  "  open_hazards INTEGER NOT NULL DEFAULT 0,"
  "  rectify_by TEXT,"
  "  search_keys TEXT"
  ");"
  "CREATE INDEX organisations_by_grid ON organisations (grid, name);"
  "CREATE INDEX organisations_by_premises ON organisations (premises, grid);"
  "CREATE INDEX organisations_by_risk ON organisations (risk, grid);"
  "CREATE INDEX organisations_by_credit_code ON organisations (credit_code) "
  "  WHERE credit_code IS NOT NULL;"
  "CREATE INDEX organisations_rectify ON organisations (rectify_by) WHERE open_hazards > 0;"
  "DROP VIEW search_rows;"
  "CREATE VIEW search_rows (rid, keys) AS "
  "  SELECT " GD_SEARCH_ROWID_SQL ("doc", "position") ", search_keys FROM persons "
  "    WHERE search_keys IS NOT NULL "
  "  UNION ALL "
  "  SELECT " GD_SEARCH_ROWID_SQL ("doc", "-1") ", search_keys FROM households "
  "    WHERE search_keys IS NOT NULL "
  "  UNION ALL "
  "  SELECT " GD_SEARCH_ROWID_SQL ("doc", "-1") ", search_keys FROM organisations "
  "    WHERE search_keys IS NOT NULL;",
  /* 8: accounts and audit chain (gd-accounts.c, gd-audit.c). Operator accounts are rows of
   * this workstation, never synced: roles and grids as space-separated lists, the Argon2id
   * verifier (crypto_pwhash_str), the failed sign-ins in a row and the time (Unix seconds)
   * before which the next attempt is refused. Audit entries gain the previous entry's hash
   * and their own; the entries written so far are chained here, in id order. */
  "CREATE TABLE accounts ("
  "  name TEXT PRIMARY KEY,"
  "  display_name TEXT NOT NULL,"
  "  roles TEXT NOT NULL,"
  "  grids TEXT NOT NULL DEFAULT '',"
  "  verifier TEXT NOT NULL,"
  "  disabled INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  created_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL,"
  "  changed_by TEXT NOT NULL,"
  "  failed_count INTEGER NOT NULL DEFAULT 0,"
  "  retry_after INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;"
  "ALTER TABLE audit_log ADD COLUMN hash TEXT;"
  "SELECT gd_audit_chain_rows ();",
  /* 9: sync quarantine (gd-store-quarantine.c): server documents refused as a local write
   * would be, by the server's _id (a non-string _id as its JSON text), with the revision, the
   * reason, the body as it came (to try again) and the code tables' version that refused it */
  "CREATE TABLE sync_quarantine ("
  "  doc_id TEXT PRIMARY KEY,"
  "  rev TEXT,"
  "  reason TEXT NOT NULL,"
  "  body TEXT,"
  "  codes_version TEXT NOT NULL,"
  "  quarantined_at TEXT NOT NULL"
  ") WITHOUT ROWID;",
  /* 10: report query columns (issue 14, gd-report-analysis.c): the monthly town report read the
   * bodies of 90 days of incidents for their addresses, household links, units and
   * satisfaction, of disputes for their parties and of a month's patrols for the households
   * they visited, and checked 100,000 persons' tags; the columns and patrol_visits are filled
   * here from the documents already stored and by every write after (gd-store-index.c), and
   * gd_store_check() compares them. Only persons with a finding are indexed: the report reads
   * those alone. */
  "ALTER TABLE incidents ADD COLUMN address TEXT;"
  "ALTER TABLE incidents ADD COLUMN unit TEXT;"
  "ALTER TABLE incidents ADD COLUMN satisfaction TEXT;"
  "ALTER TABLE incidents ADD COLUMN households TEXT;"
  "UPDATE incidents SET (" GD_INCIDENT_REPORT_COLUMNS ") = ("
  "  SELECT " GD_INCIDENT_REPORT_VALUES ("d.body") " FROM documents d WHERE d.seq = incidents.doc);"
  "ALTER TABLE persons ADD COLUMN checks INTEGER;"
  "UPDATE persons SET checks = " GD_PERSON_CHECKS ("id_number", "birth_date", "tags") ";"
  "CREATE INDEX persons_by_checks ON persons (grid, checks) WHERE checks != 0;"
  /* incidents open at an instant (the report's overdue counts): those never archived and
   * those archived after it, without reading the rows */
  "CREATE INDEX incidents_by_closed ON incidents (closed_at, deadline, reported_at, grid);"
  /* records untouched for a year, without reading their bodies to reach updated_at */
  "CREATE INDEX documents_by_updated ON documents (type, updated_at);"
  /* repeated addresses: the window's incidents grouped by address without a sort */
  "CREATE INDEX incidents_by_address ON incidents (address, reported_at, grid, doc_id);"
  /* households each patrol visited, for care residents not visited in 30 days: a look-up per
   * resident instead of a set built from every patrol body of the month */
  "CREATE TABLE patrol_visits ("
  "  doc INTEGER NOT NULL,"
  "  household TEXT NOT NULL,"
  "  started_at TEXT,"
  "  grid TEXT"
  ");"
  "CREATE INDEX patrol_visits_by_doc ON patrol_visits (doc);"
  "CREATE INDEX patrol_visits_by_household ON patrol_visits (household, started_at, grid);"
  "INSERT INTO patrol_visits (doc, household, started_at, grid) " GD_PATROL_VISITS_SELECT ";"
  "ALTER TABLE disputes ADD COLUMN parties TEXT;"
  "UPDATE disputes SET parties = (SELECT " GD_DISPUTE_PARTIES ("d.body") " FROM documents d "
  "  WHERE d.seq = disputes.doc);",
  /* 11: import change sets (issue 15, gd-import-undo.c): what each import wrote, so that it
   * can be undone whole. `before` is the body an import replaced (NULL: it created the
   * document), `change_seq` the document's right after the import: a later write changes it.
   * IF NOT EXISTS: tests that take a file back to an older version by hand leave them. */
  "CREATE TABLE IF NOT EXISTS import_batches ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  source TEXT,"
  "  summary TEXT,"
  "  undone_at TEXT,"
  "  undone_by TEXT"
  ");"
  "CREATE TABLE IF NOT EXISTS import_changes ("
  "  batch INTEGER NOT NULL,"
  "  doc_id TEXT NOT NULL,"
  "  before TEXT,"
  "  change_seq INTEGER NOT NULL,"
  "  PRIMARY KEY (batch, doc_id)"
  ") WITHOUT ROWID;",
};

int
gd_store_schema_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

static int
read_user_version (GdStore *store)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (gd_store_get_db (store), "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
gd_store_schema_migrate (GdStore *store,
                         GError **error)
{
  int version = read_user_version (store);

  if (version < 0)
    {
      gd_store_set_sql_error (store, error, _("reading the schema version"));
      return FALSE;
    }
  if (version > gd_store_schema_latest ())
    {
      g_set_error (error, GD_ERROR, GD_ERROR_IO,
                   /* Translators: the database file, its schema version, ours */
                   _("%s has schema version %d, newer than this GridDesk knows (%d); "
                     "update GridDesk before opening it"),
                   gd_store_get_path (store), version, gd_store_schema_latest ());
      return FALSE;
    }

  /* indexes a cut-off first sync put off (gd-store-bulk.c) come back before a migration
   * that may alter or drop them */
  if (version > 0 && version < gd_store_schema_latest () && gd_store_indexes_deferred (store))
    {
      if (!gd_store_exec (store, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!gd_store_restore_indexes (store, error) || !gd_store_exec (store, "COMMIT", error))
        {
          gd_store_exec (store, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  /* One transaction per step: a crash mid-migration leaves the previous version intact. */
  for (; version < gd_store_schema_latest (); version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!gd_store_exec (store, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!gd_store_exec (store, migrations[version], error)
          || !gd_store_exec (store, bump, error)
          || !gd_store_exec (store, "COMMIT", error))
        {
          gd_store_exec (store, "ROLLBACK", NULL);
          g_prefix_error (error, _("migrating to schema version %d: "), version + 1);
          return FALSE;
        }
    }
  return TRUE;
}
