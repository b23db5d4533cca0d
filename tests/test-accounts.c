/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Operator accounts: the Argon2id verifier round trip, a wrong password, the first account
 * and the last administrator rules, who may change accounts, and the wait after failed
 * sign-ins (growing, kept across a restart, audited). */
#include "config.h"

#include "gd-accounts.h"
#include "gd-error.h"
#include "gd-scope.h"
#include "gd-store-private.h"
#include "gd-test-fixtures.h"

#define ADMIN_PASSWORD "correct horse 7"
#define WORKER_PASSWORD "网格员的密码2026"

static GdAccount *
add_admin (StoreFixture *f,
           const char   *name)
{
  g_autoptr(GError) error = NULL;
  GdAccountSpec spec = { .name = name, .display_name = "管理员",
                         .roles = GD_ROLE_BIT (GD_ROLE_ADMINISTRATOR) };
  GdAccount *account = gd_accounts_add (f->store, &spec, ADMIN_PASSWORD, &error);

  g_assert_no_error (error);
  return account;
}

static char *
last_audit_action (GdStore *store)
{
  g_autoptr(GPtrArray) entries = gd_store_get_audit (store, NULL, 1, NULL);
  const GdAuditEntry *entry = entries->pdata[0];
  return g_strdup_printf ("%s %s %s", entry->actor, entry->action, entry->doc_id);
}

static void
test_verifier_round_trip (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdAccount) added = add_admin (f, "admin");
  g_autoptr(GdAccount) signed_in = NULL;
  g_autoptr(GdAccount) refused = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GdStmt) stmt = NULL;

  g_assert_true (gd_account_has_role (added, GD_ROLE_ADMINISTRATOR));
  g_assert_true (G_TYPE_IS_BOXED (GD_TYPE_ACCOUNT));
  g_assert_cmpstr (added->display_name, ==, "管理员");
  g_assert_cmpstr (added->created_by, ==, "admin");
  action = last_audit_action (f->store);
  g_assert_cmpstr (action, ==, "admin account-add account:admin");

  /* the store keeps an Argon2id verifier, never the password */
  stmt = gd_store_prepare (f->store, "SELECT verifier FROM accounts WHERE name = 'admin'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0), "$argon2id$"));
  g_assert_null (strstr ((const char *) sqlite3_column_text (stmt, 0), ADMIN_PASSWORD));
  g_clear_pointer (&stmt, gd_stmt_release);

  signed_in = gd_accounts_sign_in (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (signed_in->name, ==, "admin");
  g_clear_pointer (&action, g_free);
  action = last_audit_action (f->store);
  g_assert_cmpstr (action, ==, "admin sign-in account:admin");

  refused = gd_accounts_sign_in (f->store, "admin", "correct horse 8", &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_assert_null (refused);
  g_clear_pointer (&action, g_free);
  action = last_audit_action (f->store);
  g_assert_cmpstr (action, ==, "admin sign-in-failed account:admin");
  g_clear_error (&error);

  /* an unknown name fails the same way, and is audited too */
  refused = gd_accounts_sign_in (f->store, "nobody", ADMIN_PASSWORD, &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_clear_pointer (&action, g_free);
  action = last_audit_action (f->store);
  g_assert_cmpstr (action, ==, "nobody sign-in-failed account:nobody");
}

static void
test_first_is_administrator (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *grids[] = { FIXTURE_GRID, NULL };
  GdAccountSpec spec = { .name = "wang", .roles = GD_ROLE_BIT (GD_ROLE_GRID_WORKER), .grids = grids };
  g_autoptr(GdAccount) account = gd_accounts_add (f->store, &spec, WORKER_PASSWORD, &error);

  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_null (account);
  g_assert_false (gd_accounts_exist (f->store));
}

static void
test_last_administrator (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdAccount) admin = add_admin (f, "admin");
  GdAccountSpec demote = { .name = "admin", .roles = GD_ROLE_BIT (GD_ROLE_CENTRE_OPERATOR) };
  GdAccountSpec second = { .name = "li", .roles = GD_ROLE_BIT (GD_ROLE_ADMINISTRATOR)
                                                 | GD_ROLE_BIT (GD_ROLE_MEDIATOR) };
  g_autoptr(GdAccount) li = NULL;
  g_autoptr(GdAccount) after = NULL;

  gd_store_set_account (f->store, admin);
  g_assert_false (gd_accounts_set_disabled (f->store, "admin", TRUE, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "last enabled administrator"));
  g_clear_error (&error);
  g_assert_false (gd_accounts_edit (f->store, &demote, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gd_accounts_remove (f->store, "admin", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  after = gd_accounts_get (f->store, "admin", &error);
  g_assert_no_error (error);
  g_assert_false (after->disabled);
  g_assert_true (gd_account_has_role (after, GD_ROLE_ADMINISTRATOR));
  g_clear_pointer (&after, gd_account_unref);

  /* with a second administrator the first may step down */
  li = gd_accounts_add (f->store, &second, "another password", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (li->created_by, ==, "admin");
  g_assert_true (gd_accounts_edit (f->store, &demote, &error));
  g_assert_no_error (error);
  after = gd_accounts_get (f->store, "admin", &error);
  g_assert_false (gd_account_has_role (after, GD_ROLE_ADMINISTRATOR));
  g_assert_true (gd_account_has_role (after, GD_ROLE_CENTRE_OPERATOR));
  g_assert_cmpstr (after->changed_by, ==, "admin");

  /* and li, now the last, may not go either */
  gd_store_set_account (f->store, li);
  g_assert_false (gd_accounts_set_disabled (f->store, "li", TRUE, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
}

static void
test_only_administrators_change_accounts (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdAccount) admin = add_admin (f, "admin");
  const char *grids[] = { FIXTURE_GRID, NULL };
  GdAccountSpec worker = { .name = "wang", .display_name = "王网格",
                           .roles = GD_ROLE_BIT (GD_ROLE_GRID_WORKER), .grids = grids };
  GdAccountSpec other = { .name = "zhao", .roles = GD_ROLE_BIT (GD_ROLE_ADMINISTRATOR) };
  g_autoptr(GdAccount) wang = NULL;
  g_autoptr(GdAccount) refused = NULL;

  /* nobody signed in: the first account is made, the second is not */
  refused = gd_accounts_add (f->store, &worker, WORKER_PASSWORD, &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_clear_error (&error);

  gd_store_set_account (f->store, admin);
  wang = gd_accounts_add (f->store, &worker, WORKER_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wang->grids[0], ==, FIXTURE_GRID);
  g_assert_null (wang->grids[1]);

  gd_store_set_account (f->store, wang);
  refused = gd_accounts_add (f->store, &other, "a password", &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_assert_null (refused);
  g_clear_error (&error);
  g_assert_false (gd_accounts_set_password (f->store, "admin", "taken over", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* bad input */
  gd_store_set_account (f->store, admin);
  worker.name = "has space";
  g_assert_null (gd_accounts_add (f->store, &worker, WORKER_PASSWORD, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  worker.name = "wang2";
  worker.grids = NULL;
  g_assert_null (gd_accounts_add (f->store, &worker, WORKER_PASSWORD, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  /* a grid of another village */
  worker.grids = (const char *[]) { "320902101002001", NULL };
  g_assert_null (gd_accounts_add (f->store, &worker, WORKER_PASSWORD, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "320902101002001"));
  g_clear_error (&error);
  worker.grids = grids;
  g_assert_null (gd_accounts_add (f->store, &worker, "short", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_clear_error (&error);
  worker.name = "wang";
  g_assert_null (gd_accounts_add (f->store, &worker, WORKER_PASSWORD, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already"));
}

static void
test_retry_delay (void)
{
  g_assert_cmpuint (gd_accounts_retry_delay (0), ==, 0);
  g_assert_cmpuint (gd_accounts_retry_delay (1), ==, 1);
  g_assert_cmpuint (gd_accounts_retry_delay (2), ==, 2);
  g_assert_cmpuint (gd_accounts_retry_delay (3), ==, 4);
  g_assert_cmpuint (gd_accounts_retry_delay (10), ==, 512);
  g_assert_cmpuint (gd_accounts_retry_delay (11), ==, 900);
  g_assert_cmpuint (gd_accounts_retry_delay (1000), ==, 900);
}

/* "Time passes": the wait is over, the count of failures stays. */
static void
end_wait (GdStore *store)
{
  g_assert_true (gd_store_exec (store, "UPDATE accounts SET retry_after = 0", NULL));
}

static void
test_failed_sign_in_delay (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdAccount) admin = add_admin (f, "admin");
  g_autoptr(GdAccount) account = NULL;
  guint expected[] = { 1, 2, 4, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GdAccount) failed = gd_accounts_sign_in (f->store, "admin", "wrong password", &error);
      g_autoptr(GdAccount) current = NULL;
      guint left = gd_accounts_wait_left (f->store, "admin");

      g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
      g_clear_error (&error);
      /* a second may have turned since the failure */
      g_assert_cmpuint (left, <=, expected[i]);
      g_assert_cmpuint (left + 1, >=, expected[i]);
      current = gd_accounts_get (f->store, "admin", NULL);
      g_assert_cmpuint (current->failed_count, ==, i + 1);
      if (i + 1 < G_N_ELEMENTS (expected))
        end_wait (f->store);
    }

  /* waiting: even the right password is refused, and a restart does not help */
  g_clear_pointer (&f->store, gd_store_free);
  f->store = gd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gd_accounts_wait_left (f->store, "admin"), >=, 7);
  account = gd_accounts_sign_in (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "try again in"));
  g_assert_null (account);
  g_clear_error (&error);

  /* after the wait the right password signs in and the count starts again */
  end_wait (f->store);
  account = gd_accounts_sign_in (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (account->failed_count, ==, 0);
  g_clear_pointer (&account, gd_account_unref);
  account = gd_accounts_get (f->store, "admin", NULL);
  g_assert_cmpuint (account->failed_count, ==, 0);
  g_assert_cmpuint (gd_accounts_wait_left (f->store, "admin"), ==, 0);

  /* every attempt is in the audit log: 4 failed, 1 refused while waiting, 1 signed in */
  {
    g_autoptr(GPtrArray) entries = gd_store_get_audit (f->store, "account:admin", 0, NULL);
    guint failed = 0, signed_in = 0;

    for (guint i = 0; i < entries->len; i++)
      {
        const GdAuditEntry *entry = entries->pdata[i];
        failed += g_str_equal (entry->action, "sign-in-failed");
        signed_in += g_str_equal (entry->action, "sign-in");
      }
    g_assert_cmpuint (failed, ==, 5);
    g_assert_cmpuint (signed_in, ==, 1);
  }
}

static void
test_disabled_cannot_sign_in (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdAccount) admin = add_admin (f, "admin");
  GdAccountSpec spec = { .name = "zhou", .roles = GD_ROLE_BIT (GD_ROLE_MEDIATOR) };
  g_autoptr(GdAccount) zhou = NULL;
  g_autoptr(GdAccount) refused = NULL;

  gd_store_set_account (f->store, admin);
  zhou = gd_accounts_add (f->store, &spec, "mediator pass", &error);
  g_assert_no_error (error);
  g_assert_true (gd_accounts_set_disabled (f->store, "zhou", TRUE, &error));
  g_assert_no_error (error);
  refused = gd_accounts_sign_in (f->store, "zhou", "mediator pass", &error);
  g_assert_error (error, GD_ERROR, GD_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "disabled"));
}

static void
test_password_strength (void)
{
  g_assert_cmpint (gd_password_strength ("abc123", NULL), ==, GD_PASSWORD_TOO_SHORT);
  g_assert_cmpint (gd_password_strength ("12345678", NULL), ==, GD_PASSWORD_WEAK);
  g_assert_cmpint (gd_password_strength ("19850312", NULL), ==, GD_PASSWORD_WEAK);
  g_assert_cmpint (gd_password_strength ("abcdefgh", NULL), ==, GD_PASSWORD_WEAK);
  g_assert_cmpint (gd_password_strength ("wang2026!", "wang"), ==, GD_PASSWORD_WEAK);
  g_assert_cmpint (gd_password_strength ("wang2026!", "li"), ==, GD_PASSWORD_FAIR);
  g_assert_cmpint (gd_password_strength ("网格员的密码2026", NULL), ==, GD_PASSWORD_FAIR);
  g_assert_cmpint (gd_password_strength ("Xinxing-cun-2026", NULL), ==, GD_PASSWORD_STRONG);
  g_assert_cmpint (gd_password_strength ("新兴村Grid-2026年", NULL), ==, GD_PASSWORD_STRONG);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/accounts/" path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("verifier-round-trip", test_verifier_round_trip);
  ADD ("first-is-administrator", test_first_is_administrator);
  ADD ("last-administrator", test_last_administrator);
  ADD ("only-administrators-change-accounts", test_only_administrators_change_accounts);
  ADD ("failed-sign-in-delay", test_failed_sign_in_delay);
  ADD ("disabled-cannot-sign-in", test_disabled_cannot_sign_in);
  g_test_add_func ("/accounts/retry-delay", test_retry_delay);
  g_test_add_func ("/accounts/password-strength", test_password_strength);
  return g_test_run ();
}
