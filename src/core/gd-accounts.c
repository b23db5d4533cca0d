/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Operator accounts: rows of the store's accounts table, never synced (gd-accounts.h). */
#define G_LOG_DOMAIN "gd-accounts"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "gd-accounts.h"
#include "gd-division.h"
#include "gd-error.h"
#include "gd-json.h"
#include "gd-scope.h"
#include "gd-store-private.h"

#define RETRY_DELAY_MAX (15 * 60)

/* What an unknown name is checked against, so that it costs the same time as a known one
 * (the time would otherwise tell which names exist): the verifier of a random password
 * nobody knows, with the cost above. Make a new one when the cost changes. */
#define DUMMY_VERIFIER \
  "$argon2id$v=19$m=65536,t=3,p=1$ovIn7c/K4ujKOPYa2hOFgQ$N4zXvtxsCP+cauOh6ZQIKLUo6CvX8EmGtJAAjK5fZlo"

/* ---- the account value ---- */

static void
account_clear (gpointer data)
{
  GdAccount *account = data;

  g_free (account->name);
  g_free (account->display_name);
  g_strfreev (account->grids);
  g_free (account->created_at);
  g_free (account->created_by);
  g_free (account->changed_at);
  g_free (account->changed_by);
}

GdAccount *
gd_account_ref (GdAccount *account)
{
  g_return_val_if_fail (account != NULL, NULL);
  return g_atomic_rc_box_acquire (account);
}

void
gd_account_unref (GdAccount *account)
{
  if (account != NULL)
    g_atomic_rc_box_release_full (account, account_clear);
}

G_DEFINE_BOXED_TYPE (GdAccount, gd_account, gd_account_ref, gd_account_unref)

gboolean
gd_account_has_role (const GdAccount *account,
                     GdRole           role)
{
  g_return_val_if_fail (account != NULL, FALSE);
  return (account->roles & GD_ROLE_BIT (role)) != 0;
}

gboolean
gd_account_may_reveal (const GdAccount *account)
{
  g_return_val_if_fail (account != NULL, FALSE);
  for (GdRole role = GD_ROLE_GRID_WORKER; role <= GD_ROLE_ADMINISTRATOR; role++)
    if (gd_account_has_role (account, role) && gd_role_may_reveal (role))
      return TRUE;
  return FALSE;
}

GdRole
gd_account_role_for_transition (const GdAccount *account,
                                GdIncidentStatus from,
                                GdIncidentStatus to)
{
  static const GdRole order[] = { GD_ROLE_ADMINISTRATOR, GD_ROLE_CENTRE_OPERATOR,
                                  GD_ROLE_GRID_WORKER, GD_ROLE_MEDIATOR };
  int first = -1;

  g_return_val_if_fail (account != NULL, GD_ROLE_GRID_WORKER);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (!gd_account_has_role (account, order[i]))
        continue;
      if (first < 0)
        first = (int) order[i];
      if (gd_incident_transition_allowed (from, to, order[i], NULL))
        return order[i];
    }
  return first >= 0 ? (GdRole) first : GD_ROLE_GRID_WORKER;
}

char *
gd_role_set_to_string (GdRoleSet roles)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (GdRole role = GD_ROLE_GRID_WORKER; role <= GD_ROLE_ADMINISTRATOR; role++)
    if (roles & GD_ROLE_BIT (role))
      g_strv_builder_add (names, gd_role_to_string (role));
  list = g_strv_builder_end (names);
  return g_strjoinv (" ", list);
}

static GdRoleSet
role_set_from_string (const char *text)
{
  g_auto(GStrv) names = g_strsplit (text ? text : "", " ", -1);
  GdRoleSet roles = 0;
  GdRole role;

  for (char **name = names; *name != NULL; name++)
    if (gd_role_from_string (*name, &role))
      roles |= GD_ROLE_BIT (role);
  return roles;
}

/* ---- choosing a password ---- */

/* Each character one more (or one less, or the same) than the one before: 12345678, abcdef. */
static gboolean
is_run (const char *password)
{
  gunichar previous = g_utf8_get_char (password);
  int step = 2; /* not known yet */

  for (const char *p = g_utf8_next_char (password); *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = (int) c - (int) previous;

      if (d < -1 || d > 1 || (step != 2 && d != step))
        return FALSE;
      step = d;
      previous = c;
    }
  return TRUE;
}

GdPasswordStrength
gd_password_strength (const char *password,
                      const char *name)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;
  glong length;
  int kinds;

  g_return_val_if_fail (password != NULL, GD_PASSWORD_TOO_SHORT);
  length = g_utf8_strlen (password, -1);
  if (length < GD_ACCOUNT_PASSWORD_MIN)
    return GD_PASSWORD_TOO_SHORT;
  for (const char *p = password; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }
  kinds = lower + upper + digit + other;
  if (kinds < 2 || is_run (password)
      || (name != NULL && *name != '\0' && strstr (password, name) != NULL))
    return GD_PASSWORD_WEAK;
  return length >= 12 && kinds >= 3 ? GD_PASSWORD_STRONG : GD_PASSWORD_FAIR;
}

/* ---- reading ---- */

#define ACCOUNT_COLUMNS "name, display_name, roles, grids, disabled, created_at, created_by, " \
                        "changed_at, changed_by, failed_count"

static GdAccount *
account_from_row (sqlite3_stmt *stmt)
{
  GdAccount *account = g_atomic_rc_box_new0 (GdAccount);
  const char *grids = (const char *) sqlite3_column_text (stmt, 3);

  account->name = gd_store_column_dup (stmt, 0);
  account->display_name = gd_store_column_dup (stmt, 1);
  account->roles = role_set_from_string ((const char *) sqlite3_column_text (stmt, 2));
  account->grids = grids && *grids ? g_strsplit (grids, " ", -1) : g_new0 (char *, 1);
  account->disabled = sqlite3_column_int (stmt, 4) != 0;
  account->created_at = gd_store_column_dup (stmt, 5);
  account->created_by = gd_store_column_dup (stmt, 6);
  account->changed_at = gd_store_column_dup (stmt, 7);
  account->changed_by = gd_store_column_dup (stmt, 8);
  account->failed_count = (guint) sqlite3_column_int (stmt, 9);
  return account;
}

gboolean
gd_accounts_exist (GdStore *store)
{
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  stmt = gd_store_prepare (store, "SELECT 1 FROM accounts LIMIT 1", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

GdAccount *
gd_accounts_get (GdStore    *store,
                 const char *name,
                 GError    **error)
{
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  stmt = gd_store_prepare (store, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return account_from_row (stmt);
  /* Translators: an account name */
  g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("no account %s"), name);
  return NULL;
}

GPtrArray *
gd_accounts_list (GdStore *store,
                  GError **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_account_unref);
  g_autoptr(GdStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  stmt = gd_store_prepare (store, "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  return g_steal_pointer (&accounts);
}

/* ---- checks ---- */

static gboolean
sodium_ready (GError **error)
{
  static gsize done;
  static gboolean ok;

  if (g_once_init_enter (&done))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&done, 1);
    }
  if (!ok)
    g_set_error_literal (error, GD_ERROR, GD_ERROR_IO, _("the password library cannot start"));
  return ok;
}

static char *
make_verifier (const char *password,
               GError    **error)
{
  char out[crypto_pwhash_STRBYTES];

  if (!sodium_ready (error))
    return NULL;
  if (g_utf8_strlen (password, -1) < GD_ACCOUNT_PASSWORD_MIN)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "password: needs at least %d character",
                                "password: needs at least %d characters", GD_ACCOUNT_PASSWORD_MIN),
                   GD_ACCOUNT_PASSWORD_MIN);
      return NULL;
    }
  if (crypto_pwhash_str (out, password, strlen (password), GD_ACCOUNT_PWHASH_OPSLIMIT,
                         GD_ACCOUNT_PWHASH_MEMLIMIT) != 0)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_IO,
                           _("not enough memory to protect the password"));
      return NULL;
    }
  return g_strdup (out);
}

/* A sign-in name: 1-64 characters, no spaces or control characters ("local:" is the CLI's
 * mark for system users, so no colon either). */
static gboolean
check_spec (const GdAccountSpec *spec,
            GError             **error)
{
  if (spec->name == NULL || *spec->name == '\0' || g_utf8_strlen (spec->name, -1) > 64
      || !g_utf8_validate (spec->name, -1, NULL) || strpbrk (spec->name, " \t\n\r:") != NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "name: %s",
                   _("1 to 64 characters, without spaces or colons"));
      return FALSE;
    }
  if (spec->display_name != NULL && !g_utf8_validate (spec->display_name, -1, NULL))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "display_name: %s", _("is not valid text"));
      return FALSE;
    }
  if (spec->roles == 0 || (spec->roles & ~GD_ROLES_ALL) != 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "roles: %s",
                   _("at least one of grid_worker, centre_operator, mediator, administrator"));
      return FALSE;
    }
  for (guint i = 0; spec->grids != NULL && spec->grids[i] != NULL; i++)
    {
      GdLevel level;
      g_autofree char *reason = NULL;

      if (!gd_level_from_code (spec->grids[i], &level) || level < GD_LEVEL_VILLAGE
          || !gd_division_code_check (spec->grids[i], level, &reason))
        {
          g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "grids[%u]: %s", i,
                       /* Translators: a grid code */
                       reason ? reason : _("not a grid or village code"));
          return FALSE;
        }
    }
  if ((spec->roles & GD_ROLE_BIT (GD_ROLE_GRID_WORKER))
      && (spec->grids == NULL || spec->grids[0] == NULL))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "grids: %s",
                   _("a grid worker serves at least one grid"));
      return FALSE;
    }
  return TRUE;
}

/* The grids served lie in the store's village or town. */
static gboolean
check_grids_in_scope (GdStore             *store,
                      const GdAccountSpec *spec,
                      GError             **error)
{
  const char *scope = gd_store_get_scope (store);

  for (guint i = 0; scope != NULL && spec->grids != NULL && spec->grids[i] != NULL; i++)
    if (!g_str_has_prefix (spec->grids[i], scope))
      {
        /* Translators: a grid code, then the village or town code of the store */
        g_autofree char *why = g_strdup_printf (_("%s is not in %s, which this workstation holds"),
                                                spec->grids[i], scope);

        g_set_error (error, GD_ERROR, GD_ERROR_INVALID, "grids[%u]: %s", i, why);
        return FALSE;
      }
  return TRUE;
}

/* The signed-in account, current in the store, is an enabled administrator. */
static gboolean
check_administrator (GdStore *store,
                     GError **error)
{
  GdAccount *signed_in = gd_store_get_account (store);
  g_autoptr(GdAccount) current = NULL;

  if (signed_in != NULL)
    current = gd_accounts_get (store, signed_in->name, NULL);
  if (current != NULL && !current->disabled
      && gd_account_has_role (current, GD_ROLE_ADMINISTRATOR))
    return TRUE;
  g_set_error_literal (error, GD_ERROR, GD_ERROR_FORBIDDEN,
                       _("only a signed-in administrator may change accounts"));
  return FALSE;
}

/* Inside the change's transaction: at least one enabled administrator is left. */
static gboolean
check_administrator_left (GdStore *store,
                          GError **error)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "SELECT 1 FROM accounts WHERE disabled = 0 AND ' ' || roles || ' ' LIKE '% administrator %'",
    error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                       _("this is the last enabled administrator: make another administrator "
                         "first"));
  return FALSE;
}

static const char *
actor_of (GdStore    *store,
          const char *fallback)
{
  const char *operator = gd_store_get_operator (store);
  return operator != NULL ? operator : fallback;
}

/* Runs `sql` (binding name ?1, the actor ?2, the time ?3 and the `n_extra` of `extra` ?4..) and the audit
 * entry in one transaction; checks the administrator rule before committing. */
static gboolean
account_change (GdStore            *store,
                const char         *sql,
                const char         *name,
                const char         *action,
                const char         *detail,
                const char *const  *extra,
                guint               n_extra,
                GError            **error)
{
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autofree char *record = g_strdup_printf ("account:%s", name);
  const char *actor = actor_of (store, name);
  g_autoptr(GdStmt) stmt = NULL;
  gboolean own;
  gboolean ok;

  if (!gd_store_group_begin (store, "gd_account", &own, error))
    return FALSE;
  stmt = gd_store_prepare (store, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      gd_store_bind_text (stmt, 1, name);
      gd_store_bind_text (stmt, 2, actor);
      gd_store_bind_text (stmt, 3, now);
      for (guint i = 0; i < n_extra; i++)
        gd_store_bind_text (stmt, 4 + (int) i, extra[i]);
      ok = gd_store_step_done (store, stmt, N_("writing an account"), error);
    }
  if (ok && sqlite3_changes (gd_store_get_db (store)) == 0)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NOT_FOUND, _("no account %s"), name);
      ok = FALSE;
    }
  g_clear_pointer (&stmt, gd_stmt_release);
  ok = ok && check_administrator_left (store, error)
       && gd_store_append_audit (store, actor, action, record, NULL, NULL, detail, error);
  return gd_store_group_end (store, "gd_account", own, ok, error) && ok;
}

static char *
spec_detail (const GdAccountSpec *spec)
{
  g_autofree char *roles = gd_role_set_to_string (spec->roles);
  g_autofree char *grids = spec->grids ? g_strjoinv (" ", (char **) spec->grids) : g_strdup ("");

  return g_strdup_printf ("roles: %s; grids: %s", roles, grids);
}

/* ---- changes ---- */

GdAccount *
gd_accounts_add (GdStore             *store,
                 const GdAccountSpec *spec,
                 const char          *password,
                 GError             **error)
{
  g_autofree char *verifier = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *grids = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean first;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  if (!check_spec (spec, error) || !check_grids_in_scope (store, spec, error))
    return NULL;
  first = !gd_accounts_exist (store);
  if (first && !(spec->roles & GD_ROLE_BIT (GD_ROLE_ADMINISTRATOR)))
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           _("the first account of a workstation must be an administrator"));
      return NULL;
    }
  if (!first && !check_administrator (store, error))
    return NULL;
  if ((verifier = make_verifier (password, error)) == NULL)
    return NULL;

  roles = gd_role_set_to_string (spec->roles);
  grids = spec->grids ? g_strjoinv (" ", (char **) spec->grids) : g_strdup ("");
  detail = spec_detail (spec);
  /* the INSERT fails on a name taken, which also closes the race of two "first" accounts */
  if (!account_change (store,
                       "INSERT INTO accounts (name, display_name, roles, grids, verifier, "
                       "  created_at, created_by, changed_at, changed_by) "
                       "SELECT ?1, ?4, ?5, ?6, ?7, ?3, ?2, ?3, ?2 "
                       "WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE name = ?1) "
                       "  AND (CAST(?8 AS INTEGER) = 0 OR NOT EXISTS (SELECT 1 FROM accounts))",
                       spec->name, "account-add", detail,
                       (const char *const[]) { spec->display_name ? spec->display_name : spec->name,
                                               roles, grids, verifier, first ? "1" : "0" }, 5,
                       &local_error))
    {
      if (g_error_matches (local_error, GD_ERROR, GD_ERROR_NOT_FOUND))
        /* Translators: an account name */
        g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("there is already an account %s"),
                     spec->name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return gd_accounts_get (store, spec->name, error);
}

gboolean
gd_accounts_edit (GdStore             *store,
                  const GdAccountSpec *spec,
                  GError             **error)
{
  g_autofree char *roles = NULL;
  g_autofree char *grids = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if (!check_spec (spec, error) || !check_grids_in_scope (store, spec, error)
      || !check_administrator (store, error))
    return FALSE;
  roles = gd_role_set_to_string (spec->roles);
  grids = spec->grids ? g_strjoinv (" ", (char **) spec->grids) : g_strdup ("");
  detail = spec_detail (spec);
  return account_change (store,
                         "UPDATE accounts SET display_name = coalesce (?4, display_name), "
                         "  roles = ?5, grids = ?6, changed_at = ?3, changed_by = ?2 "
                         "WHERE name = ?1",
                         spec->name, "account-edit", detail,
                         (const char *const[]) { spec->display_name, roles, grids }, 3, error);
}

gboolean
gd_accounts_set_disabled (GdStore    *store,
                          const char *name,
                          gboolean    disabled,
                          GError    **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!check_administrator (store, error))
    return FALSE;
  return account_change (store,
                         "UPDATE accounts SET disabled = CAST(?4 AS INTEGER), changed_at = ?3, "
                         "  changed_by = ?2 WHERE name = ?1",
                         name, disabled ? "account-disable" : "account-enable", NULL,
                         (const char *const[]) { disabled ? "1" : "0" }, 1, error);
}

gboolean
gd_accounts_remove (GdStore    *store,
                    const char *name,
                    GError    **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!check_administrator (store, error))
    return FALSE;
  return account_change (store, "DELETE FROM accounts WHERE name = ?1",
                         name, "account-remove", NULL, NULL, 0, error);
}

gboolean
gd_accounts_set_password (GdStore    *store,
                          const char *name,
                          const char *password,
                          GError    **error)
{
  GdAccount *signed_in;
  g_autofree char *verifier = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  signed_in = gd_store_get_account (store);
  if ((signed_in == NULL || g_strcmp0 (signed_in->name, name) != 0)
      && !check_administrator (store, error))
    return FALSE;
  if ((verifier = make_verifier (password, error)) == NULL)
    return FALSE;
  /* a new password also ends a wait after failed sign-ins */
  return account_change (store,
                         "UPDATE accounts SET verifier = ?4, failed_count = 0, retry_after = 0, "
                         "  changed_at = ?3, changed_by = ?2 WHERE name = ?1",
                         name, "account-password", NULL,
                         (const char *const[]) { verifier }, 1, error);
}

/* ---- signing in ---- */

guint
gd_accounts_retry_delay (guint failures)
{
  if (failures == 0)
    return 0;
  if (failures > 11)
    return RETRY_DELAY_MAX;
  return MIN (1u << (failures - 1), RETRY_DELAY_MAX);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

guint
gd_accounts_wait_left (GdStore    *store,
                       const char *name)
{
  g_autoptr(GdStmt) stmt = NULL;
  gint64 left;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);
  stmt = gd_store_prepare (store, "SELECT retry_after FROM accounts WHERE name = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  left = sqlite3_column_int64 (stmt, 0) - now_seconds ();
  return left > 0 ? (guint) MIN (left, (gint64) RETRY_DELAY_MAX) : 0;
}

static void
record_sign_in (GdStore    *store,
                const char *name,
                gboolean    ok,
                const char *detail)
{
  g_autofree char *record = g_strdup_printf ("account:%s", name);
  g_autoptr(GError) error = NULL;

  if (!gd_store_append_audit (store, name, ok ? "sign-in" : "sign-in-failed", record, NULL,
                              NULL, detail, &error))
    g_warning ("Cannot write the audit log: %s", error->message);
}

/* One more failure in a row, and the time before which the next attempt is refused. */
static void
record_failure (GdStore    *store,
                const char *name)
{
  g_autoptr(GdStmt) stmt = gd_store_prepare (store,
    "UPDATE accounts SET failed_count = failed_count + 1, "
    "  retry_after = ?2 + gd_retry_delay (failed_count + 1) WHERE name = ?1", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("Cannot record a failed sign-in: %s", sqlite3_errmsg (gd_store_get_db (store)));
}

static void
retry_delay_sql (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  sqlite3_result_int (context, (int) gd_accounts_retry_delay ((guint) sqlite3_value_int (argv[0])));
}

gboolean
gd_accounts_register (sqlite3 *db,
                      GError **error)
{
  if (sqlite3_create_function_v2 (db, "gd_retry_delay", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                  NULL, retry_delay_sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s", sqlite3_errmsg (db));
  return FALSE;
}

/* libsodium reads a verifier as a buffer of crypto_pwhash_STRBYTES: give it one */
static gboolean
verify (const char *verifier,
        const char *password)
{
  char buffer[crypto_pwhash_STRBYTES] = { 0 };

  if (g_strlcpy (buffer, verifier, sizeof buffer) >= sizeof buffer)
    return FALSE;
  return crypto_pwhash_str_verify (buffer, password, strlen (password)) == 0;
}

GdAccount *
gd_accounts_sign_in (GdStore    *store,
                     const char *name,
                     const char *password,
                     GError    **error)
{
  g_autoptr(GdStmt) stmt = NULL;
  g_autofree char *verifier = NULL;
  g_autoptr(GdAccount) account = NULL;
  guint wait;
  gboolean ok;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  if (!sodium_ready (error))
    return NULL;
  stmt = gd_store_prepare (store, "SELECT verifier FROM accounts WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    verifier = gd_store_column_dup (stmt, 0);
  g_clear_pointer (&stmt, gd_stmt_release);

  if (verifier == NULL)
    {
      /* the result is ignored: only the time it takes counts */
      if (verify (DUMMY_VERIFIER, password))
        g_debug ("the dummy verifier was matched");
      record_sign_in (store, name, FALSE, "no such account");
      g_set_error_literal (error, GD_ERROR, GD_ERROR_FORBIDDEN, _("wrong name or password"));
      return NULL;
    }
  wait = gd_accounts_wait_left (store, name);
  if (wait > 0)
    {
      record_sign_in (store, name, FALSE, "still waiting after failed sign-ins");
      g_set_error (error, GD_ERROR, GD_ERROR_FORBIDDEN,
                   g_dngettext (GETTEXT_PACKAGE,
                                "too many failed sign-ins: try again in %u second",
                                "too many failed sign-ins: try again in %u seconds", wait),
                   wait);
      return NULL;
    }

  ok = verify (verifier, password);
  if (!ok)
    {
      record_failure (store, name);
      record_sign_in (store, name, FALSE, "wrong password");
      g_set_error_literal (error, GD_ERROR, GD_ERROR_FORBIDDEN, _("wrong name or password"));
      return NULL;
    }
  account = gd_accounts_get (store, name, error);
  if (account == NULL)
    return NULL;
  if (account->disabled)
    {
      record_sign_in (store, name, FALSE, "account disabled");
      /* Translators: an account name */
      g_set_error (error, GD_ERROR, GD_ERROR_FORBIDDEN, _("the account %s is disabled"), name);
      return NULL;
    }
  stmt = gd_store_prepare (store,
    "UPDATE accounts SET failed_count = 0, retry_after = 0 WHERE name = ? AND failed_count > 0",
    NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      account->failed_count = 0;
    }
  record_sign_in (store, name, TRUE, NULL);
  return g_steal_pointer (&account);
}
