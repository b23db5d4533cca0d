/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-store-disputes"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-dispute-flow.h"
#include "gd-json.h"
#include "gd-mediation.h"
#include "gd-store-private.h"

/* Case numbers of mediation cases, (年)<committee>人调字第N号, kept in dispute_numbers:
 * one counter per committee and year that only ever goes up. */

char *
gd_mediation_committee (GdStore *store)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT value FROM meta WHERE key = 'mediation_committee'", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  /* the village's committee goes by the village's name (新兴村人民调解委员会) */
  return g_strdup (gd_store_get_scope_name (store) ? gd_store_get_scope_name (store) : "");
}

/* Raises the counter to at least `n`. */
static gboolean
counter_raise (GdStore    *store,
               const char *committee,
               int         year,
               guint       n,
               GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT INTO dispute_numbers (committee, year, last) VALUES (?, ?, ?) "
    "ON CONFLICT (committee, year) DO UPDATE SET last = max(last, excluded.last)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, committee, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, n);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("counting case numbers"));
      return FALSE;
    }
  return TRUE;
}

/* A committee and year without a counter yet start after the highest number the stored
 * cases already have (a file from before the counter, cases that came by import). */
static gboolean
counter_seed (GdStore    *store,
              const char *committee,
              int         year,
              GError    **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "INSERT OR IGNORE INTO dispute_numbers (committee, year, last) "
    "SELECT ?1, ?2, coalesce (max (CAST (substr (number, instr (number, '人调字第') + 4) AS INTEGER)), 0) "
    "FROM disputes WHERE number LIKE '(' || ?2 || ')' || ?1 || '人调字第%' "
    "                 OR number LIKE '（' || ?2 || '）' || ?1 || '人调字第%'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, committee, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gd_store_set_sql_error (store, error, _("counting case numbers"));
      return FALSE;
    }
  return TRUE;
}

/* The next N for the committee and year; 0 on error. */
static guint
counter_next (GdStore    *store,
              const char *committee,
              int         year,
              GError    **error)
{
  g_autoptr(GdStmt) stmt = NULL;

  if (!counter_seed (store, committee, year, error))
    return 0;
  stmt = gd_store_prepare (store,
    "UPDATE dispute_numbers SET last = last + 1 WHERE committee = ? AND year = ? RETURNING last",
    error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, committee, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gd_store_set_sql_error (store, error, _("counting case numbers"));
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

static char *
number_holder (GdStore    *store,
               const char *number,
               const char *except_id)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT doc_id FROM disputes WHERE number = ? AND doc_id IS NOT ? LIMIT 1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, except_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW
         ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
}

gboolean
gd_store_number_dispute (GdStore    *store,
                         JsonObject *doc,
                         GdIssues   *issues,
                         GError    **error)
{
  const char *number = gd_json_get_string (doc, "number");
  const char *accepted_at = gd_json_get_string (doc, "accepted_at");
  g_autofree char *committee = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *made = NULL;
  GDate accepted;
  int year;
  guint n;

  if (number != NULL)
    {
      /* a number from elsewhere (an import, the server) moves the counter past it */
      if (!gd_dispute_number_parse (number, &year, &committee, &n))
        return TRUE; /* the validator names the bad form */
      holder = number_holder (store, number, gd_json_get_string (doc, "_id"));
      if (holder != NULL)
        {
          /* Translators: a case number, then a document id */
          gd_issues_error (issues, "number", _("%s is already the number of %s"), number, holder);
          return TRUE;
        }
      return counter_raise (store, committee, year, n, error);
    }

  /* numbered when taken on (受理), in the year of acceptance */
  if (!gd_china_date_of (accepted_at, &accepted))
    return TRUE;
  committee = gd_mediation_committee (store);
  if (committee[0] == '\0')
    return TRUE;
  year = g_date_get_year (&accepted);
  if ((n = counter_next (store, committee, year, error)) == 0)
    return FALSE;
  made = gd_dispute_number_format (year, committee, n);
  json_object_set_string_member (doc, "number", made);
  return TRUE;
}
