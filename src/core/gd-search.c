/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-search"
#include "config.h"

#include <string.h>

#include "gd-pinyin.h"
#include "gd-idcard.h"
#include "gd-scope.h"
#include "gd-search.h"
#include "gd-store-private.h"

/* Search is a handful of prefix queries on the search index (gd-search-index.c) over the
 * keys of gd-search-keys.c: names and addresses are indexed by every suffix, IDs and phones
 * also reversed, so substring, trailing-digit and pinyin queries are all "key starts with". */

void
gd_search_hit_free (GdSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->doc_id);
  g_free (hit->member_id);
  g_free (hit->name);
  g_free (hit->household_number);
  g_free (hit->address);
  g_free (hit->grid);
  g_free (hit->id_number);
  g_free (hit->phone);
  g_free (hit->credit_code);
  g_free (hit->matched);
  g_free (hit);
}

static gboolean
is_id_or_phone_digits (const char *text)
{
  gsize length = strlen (text);

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]) && !(i == length - 1 && (text[i] == 'x' || text[i] == 'X')))
      return FALSE;
  return length > 0;
}

static gboolean
is_ascii_letters (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return *text != '\0';
}

static gboolean
is_ascii_alphanumeric (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return *text != '\0';
}

static void
add_range (GArray     *ranges,
           GdKeyTag    tag,
           const char *text,
           const char *matched)
{
  GdKeyRange range = { gd_search_key_make (tag, text), NULL, matched };
  range.match = gd_search_index_match (range.prefix);
  g_array_append_val (ranges, range);
}

static void
key_range_clear (gpointer data)
{
  GdKeyRange *range = data;
  g_free (range->prefix);
  g_free (range->match);
}

GArray *
gd_search_plan (const char *folded)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (GdKeyRange));

  g_array_set_clear_func (ranges, key_range_clear);
  if (is_id_or_phone_digits (folded))
    {
      g_autofree char *digits = gd_search_digits_only (folded);
      g_autofree char *reversed = gd_search_digits_reversed (digits);

      char other[19];

      add_range (ranges, GD_KEY_ID, digits, "id_number");
      /* a full legacy number finds its 18-digit form, and the other way round: one person */
      if (strlen (digits) == 15)
        {
          gd_idcard_upgrade (digits, other);
          add_range (ranges, GD_KEY_ID, other, "id_number");
        }
      else if (gd_idcard_legacy_form (digits, other))
        add_range (ranges, GD_KEY_ID, other, "id_number");
      add_range (ranges, GD_KEY_PHONE, digits, "phone");
      /* trailing digits: "0026" finds ...0026; too short a tail matches half the town */
      if (strlen (digits) >= 3)
        {
          add_range (ranges, GD_KEY_ID_REVERSED, reversed, "id_number");
          add_range (ranges, GD_KEY_PHONE_REVERSED, reversed, "phone");
        }
      add_range (ranges, GD_KEY_NUMBER, folded, "number");
      add_range (ranges, GD_KEY_CREDIT, folded, "credit_code");
    }
  else if (is_ascii_letters (folded))
    {
      add_range (ranges, GD_KEY_PINYIN, folded, "pinyin");
      add_range (ranges, GD_KEY_NUMBER, folded, "number");
    }
  else if (is_ascii_alphanumeric (folded))
    {
      /* digits and letters: a credit code (or the start of one), or a household number */
      add_range (ranges, GD_KEY_CREDIT, folded, "credit_code");
      add_range (ranges, GD_KEY_NUMBER, folded, "number");
    }
  else
    {
      g_autofree char *address = NULL;

      if (g_utf8_strlen (folded, -1) > GD_KEY_ADDRESS_CHARS)
        address = g_strndup (folded, g_utf8_offset_to_pointer (folded, GD_KEY_ADDRESS_CHARS) - folded);
      add_range (ranges, GD_KEY_NAME, folded, "name");
      add_range (ranges, GD_KEY_ADDRESS, address ? address : folded, "address");
      add_range (ranges, GD_KEY_NUMBER, folded, "number");
    }
  return ranges;
}

static GdSearchHit *
load_person (GdStore *store,
             gint64   doc,
             int      position,
             GError **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT p.member_id, p.name, p.id_number, p.phone, h.doc_id, h.number, h.address, h.grid "
    "FROM persons p JOIN households h ON h.doc = p.doc WHERE p.doc = ? AND p.position = ?", error);
  GdSearchHit *hit;

  if (stmt == NULL || (sqlite3_bind_int64 (stmt, 1, doc), sqlite3_bind_int (stmt, 2, position),
                       sqlite3_step (stmt)) != SQLITE_ROW)
    return NULL;
  hit = g_new0 (GdSearchHit, 1);
  hit->kind = GD_HIT_PERSON;
  hit->member_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  hit->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  hit->id_number = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  hit->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  hit->doc_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  hit->household_number = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  hit->address = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  hit->grid = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  return hit;
}

static GdSearchHit *
load_household (GdStore *store,
                gint64   doc,
                GError **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT doc_id, head_name, number, address, grid FROM households WHERE doc = ?", error);
  GdSearchHit *hit;

  if (stmt == NULL || (sqlite3_bind_int64 (stmt, 1, doc), sqlite3_step (stmt)) != SQLITE_ROW)
    return NULL;
  hit = g_new0 (GdSearchHit, 1);
  hit->kind = GD_HIT_HOUSEHOLD;
  hit->doc_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  hit->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  hit->household_number = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  hit->address = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  hit->grid = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  return hit;
}

static GdSearchHit *
load_organisation (GdStore *store,
                   gint64   doc,
                   GError **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT o.doc_id, o.name, o.credit_code, o.grid, "
    "  json_extract (d.body, '$.address'), json_extract (d.body, '$.representative.phone') "
    "FROM organisations o JOIN documents d ON d.seq = o.doc WHERE o.doc = ?", error);
  GdSearchHit *hit;

  if (stmt == NULL || (sqlite3_bind_int64 (stmt, 1, doc), sqlite3_step (stmt)) != SQLITE_ROW)
    return NULL;
  hit = g_new0 (GdSearchHit, 1);
  hit->kind = GD_HIT_ORGANISATION;
  hit->doc_id = gd_store_column_dup (stmt, 0);
  hit->name = gd_store_column_dup (stmt, 1);
  hit->credit_code = gd_store_column_dup (stmt, 2);
  hit->grid = gd_store_column_dup (stmt, 3);
  hit->address = gd_store_column_dup (stmt, 4);
  hit->phone = gd_store_column_dup (stmt, 5);
  return hit;
}

/* Address keys are cut short; a longer query must still appear in the whole address. */
static gboolean
address_contains (const char *address,
                  const char *folded_query)
{
  g_autofree char *folded = gd_text_fold (address ? address : "");
  return strstr (folded, folded_query) != NULL;
}

GPtrArray *
gd_store_search (GdStore    *store,
                 const char *query,
                 guint       limit,
                 GError    **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_search_hit_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = NULL;
  g_autoptr(GArray) ranges = NULL;
  gboolean whole;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (limit == 0)
    limit = 50;
  folded = gd_text_fold (query);
  if (*folded == '\0')
    return g_steal_pointer (&hits);

  ranges = gd_search_plan (folded);
  gd_access_refresh (store);
  whole = gd_store_scope_is_whole (store);
  for (guint r = 0; r < ranges->len && hits->len < limit; r++)
    {
      const GdKeyRange *range = &g_array_index (ranges, GdKeyRange, r);
      /* a person can match a query through several keys (pinyin variants, suffixes), but
       * is one FTS row: whole rows come back, in document order */
      g_autoptr(GdStmt) stmt = NULL;
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);

      /* a narrower data scope (gd-scope.h) keeps to the households it may see */
      if (whole)
        stmt = gd_store_prepare (store,
          "SELECT " GD_SEARCH_DOC_SQL ("rowid") ", " GD_SEARCH_POSITION_SQL ("rowid") " "
          "FROM search_index WHERE search_index MATCH ? LIMIT ?", error);
      else
        stmt = gd_store_prepare (store,
          "SELECT " GD_SEARCH_DOC_SQL ("search_index.rowid") ", "
          GD_SEARCH_POSITION_SQL ("search_index.rowid") " "
          "FROM search_index JOIN households h ON h.doc = " GD_SEARCH_DOC_SQL ("search_index.rowid")
          " WHERE search_index MATCH ? AND gd_visible ('household', h.grid, h.doc_id) LIMIT ?",
          error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, range->match, -1, SQLITE_STATIC);
      /* address hits may be dropped below (the query was longer than the key): spare rows */
      sqlite3_bind_int64 (stmt, 2, (gint64) limit * 4);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
          g_array_append_vals (found, pair, 1);
        }

      for (guint i = 0; i < found->len && hits->len < limit; i++)
        {
          const gint64 *pair = &g_array_index (found, gint64, i * 2);
          char *seen_key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, pair[0], pair[1]);
          GdSearchHit *hit;

          if (!g_hash_table_add (seen, seen_key))
            continue;
          /* the document's own row is a household's or an organisation's */
          hit = pair[1] >= 0 ? load_person (store, pair[0], (int) pair[1], error)
                             : load_household (store, pair[0], error);
          if (hit == NULL && pair[1] < 0)
            hit = load_organisation (store, pair[0], error);
          if (hit == NULL)
            continue;
          if (g_str_equal (range->matched, "address") && !address_contains (hit->address, folded))
            {
              gd_search_hit_free (hit);
              continue;
            }
          hit->matched = g_strdup (range->matched);
          g_ptr_array_add (hits, hit);
        }
    }
  return g_steal_pointer (&hits);
}
