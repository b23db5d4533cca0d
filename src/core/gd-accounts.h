/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-accounts.h: operator accounts of this workstation (never synced), their sign-in, and
 * who the store works for.
 *
 * An account has a name, a display name, roles (several per person), the grids a grid
 * worker serves, an Argon2id verifier (libsodium crypto_pwhash_str) and a disabled flag.
 * Administrators add, edit, disable accounts and reset passwords; the last enabled
 * administrator cannot be disabled, removed or lose the role. Failed sign-ins make the
 * account wait, twice as long after each one (kept in the store: restarting does not reset
 * it), and are audited like every sign-in and account change.
 *
 * The app's session holds the GdAccount a sign-in returned and gives it to the store with
 * gd_store_set_account(): from then on the store writes its name into updated_by and the
 * audit log, and every query keeps to its data scope (gd-scope.h). */
#pragma once

#include <glib-object.h>

#include "gd-incident-flow.h"
#include "gd-store.h"
#include "gd-types.h"

G_BEGIN_DECLS

/* A set of GdRole, one bit each */
typedef guint GdRoleSet;
#define GD_ROLE_BIT(role) (1u << (role))
#define GD_ROLES_ALL (GD_ROLE_BIT (GD_ROLE_GRID_WORKER) | GD_ROLE_BIT (GD_ROLE_CENTRE_OPERATOR) \
                      | GD_ROLE_BIT (GD_ROLE_MEDIATOR) | GD_ROLE_BIT (GD_ROLE_ADMINISTRATOR))

/* Argon2id cost of a new verifier: one verification takes 0.2-0.5 s on a village PC
 * (tests/bench-pwhash prints it). Verifiers keep their own cost: raising these leaves
 * existing passwords valid. */
#define GD_ACCOUNT_PWHASH_OPSLIMIT 3
#define GD_ACCOUNT_PWHASH_MEMLIMIT (64u << 20)
/* Shortest password accepted */
#define GD_ACCOUNT_PASSWORD_MIN 8

/* A signed-in (or listed) account: a read-only snapshot, reference-counted. */
typedef struct {
  char      *name;          /* sign-in name, written into updated_by and the audit log */
  char      *display_name;
  GdRoleSet  roles;
  char     **grids;         /* grid codes served (grid workers), NULL-terminated */
  gboolean   disabled;
  char      *created_at;
  char      *created_by;
  char      *changed_at;
  char      *changed_by;
  guint      failed_count;  /* failed sign-ins in a row */
} GdAccount;

/* A boxed type, for a session's "account" property */
#define GD_TYPE_ACCOUNT (gd_account_get_type ())
GType       gd_account_get_type   (void) G_GNUC_CONST;
GdAccount  *gd_account_ref        (GdAccount *account);
void        gd_account_unref      (GdAccount *account);
gboolean    gd_account_has_role   (const GdAccount *account, GdRole role);
/* Whether any of its roles may see full ID and phone numbers (gd_role_may_reveal) */
gboolean    gd_account_may_reveal (const GdAccount *account);
/* The role an account acts in to move an incident from -> to: the first of its roles
 * (administrator, centre operator, grid worker, mediator) that may; when none may, its
 * first role (the refusal then names it). */
GdRole      gd_account_role_for_transition (const GdAccount *account, GdIncidentStatus from,
                                            GdIncidentStatus to);
/* "grid_worker administrator": the role names, space-separated */
char       *gd_role_set_to_string (GdRoleSet roles);

/* What an administrator gives for a new or edited account. */
typedef struct {
  const char        *name;
  const char        *display_name; /* NULL: the name */
  GdRoleSet          roles;
  const char *const *grids;        /* NULL: none */
} GdAccountSpec;

/* A hint for a password being chosen (the first-start and password dialogs): too short to be
 * accepted, weak (one kind of character, a run like 12345678 or aaaa…, or the name in it),
 * fair, or strong (12 characters or more of three kinds: lower, upper, digits, others). */
typedef enum {
  GD_PASSWORD_TOO_SHORT,
  GD_PASSWORD_WEAK,
  GD_PASSWORD_FAIR,
  GD_PASSWORD_STRONG,
} GdPasswordStrength;
GdPasswordStrength gd_password_strength (const char *password, const char *name);

/* Whether the store has any account yet (the first one needs no administrator). */
gboolean    gd_accounts_exist     (GdStore *store);
/* The account, or NULL with GD_ERROR_NOT_FOUND. */
GdAccount  *gd_accounts_get       (GdStore *store, const char *name, GError **error);
/* Every account, by name. */
GPtrArray  *gd_accounts_list      (GdStore *store, GError **error);

/* Account changes. The store's signed-in account (gd_store_set_account) must be an enabled
 * administrator, except for the first account of a store, which must itself be an
 * administrator. GD_ERROR_FORBIDDEN otherwise; GD_ERROR_INVALID for a bad name, role, grid
 * or password, or for a change that leaves no enabled administrator. Each is audited. */
GdAccount  *gd_accounts_add       (GdStore *store, const GdAccountSpec *spec,
                                   const char *password, GError **error);
gboolean    gd_accounts_edit      (GdStore *store, const GdAccountSpec *spec, GError **error);
gboolean    gd_accounts_set_disabled (GdStore *store, const char *name, gboolean disabled,
                                      GError **error);
gboolean    gd_accounts_remove    (GdStore *store, const char *name, GError **error);
/* An administrator resets anyone's password; an account changes its own. */
gboolean    gd_accounts_set_password (GdStore *store, const char *name, const char *password,
                                      GError **error);

/* Checks the password. Returns the account (enabled, password right) or NULL with
 * GD_ERROR_FORBIDDEN: wrong name or password, disabled, or still waiting after failures
 * (the message says how long). Audited: sign-in or sign-in-failed. Does not set the store's
 * account: the caller decides (gd_store_set_account). */
GdAccount  *gd_accounts_sign_in   (GdStore *store, const char *name, const char *password,
                                   GError **error);
/* Seconds an account waits after `failures` failed sign-ins in a row: 0 for none, then 1,
 * 2, 4 … up to 15 minutes. */
guint       gd_accounts_retry_delay (guint failures);
/* Seconds left before the account may try again (0: now). */
guint       gd_accounts_wait_left (GdStore *store, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdAccount, gd_account_unref)

G_END_DECLS
