/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-ctl-private.h: what the griddesk-ctl commands share. */
#pragma once

#include <gio/gio.h>

#include "gd-error.h"
#include "gd-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *db_path; /* --db, or NULL */
  const char *as_name; /* --as: the operator account to sign in as, or NULL */
  const char *password_env; /* --password-env before the command: its password */
  const char *command;
} GdCtl;

/* A command: argv[0] is the command name; returns the process exit status. */
typedef int (*GdCtlCommandFunc) (GdCtl *ctl, int argc, char **argv);

/* Prints "griddesk-ctl: <message>" on stderr; returns the exit status for `error`. */
int       gd_ctl_fail          (const GError *error);
/* Prints a usage error and returns 2. */
int       gd_ctl_usage         (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses a command's options; on a usage error prints it and returns FALSE. */
gboolean  gd_ctl_parse         (GOptionContext *context, int *argc, char ***argv);
/* Opens --db (a usage error when missing) and signs in: as --as NAME (its password from
 * --password-env VAR or asked at the terminal; a wrong one is exit 1), else as the local
 * system user "local:LOGIN", seeing everything only in a file the user owns. */
GdStore  *gd_ctl_open_store    (GdCtl *ctl, GError **error);
/* Reads FILE or stdin ("-"/NULL) whole. */
char     *gd_ctl_read_input    (const char *path, gsize *length, GError **error);
/* Prints one JSON value on stdout. */
void      gd_ctl_print_json    (JsonNode *node, gboolean pretty);
/* The operator for audit, timelines and updated_by: the signed-in one once a store is open
 * (gd_ctl_open_store; a different --by is said on stderr and not recorded); before that
 * --by, $GRIDDESK_OPERATOR, then the login name. */
const char *gd_ctl_operator    (const char *by);
/* Records that personal numbers were shown unmasked (--reveal), `detail` saying what. */
gboolean  gd_ctl_audit_reveal  (GdStore *store, const char *detail, GError **error);

int gd_ctl_init       (GdCtl *ctl, int argc, char **argv);
int gd_ctl_demo       (GdCtl *ctl, int argc, char **argv);
int gd_ctl_put        (GdCtl *ctl, int argc, char **argv);
int gd_ctl_get        (GdCtl *ctl, int argc, char **argv);
int gd_ctl_list       (GdCtl *ctl, int argc, char **argv);
int gd_ctl_delete     (GdCtl *ctl, int argc, char **argv);
int gd_ctl_search     (GdCtl *ctl, int argc, char **argv);
int gd_ctl_incident   (GdCtl *ctl, int argc, char **argv);
int gd_ctl_organisation (GdCtl *ctl, int argc, char **argv);
int gd_ctl_stats      (GdCtl *ctl, int argc, char **argv);
int gd_ctl_check      (GdCtl *ctl, int argc, char **argv);
int gd_ctl_idcheck    (GdCtl *ctl, int argc, char **argv);
int gd_ctl_demo_basemap (GdCtl *ctl, int argc, char **argv);
int gd_ctl_print      (GdCtl *ctl, int argc, char **argv);
int gd_ctl_report     (GdCtl *ctl, int argc, char **argv);
int gd_ctl_sync       (GdCtl *ctl, int argc, char **argv);
int gd_ctl_conflicts  (GdCtl *ctl, int argc, char **argv);
int gd_ctl_resolve    (GdCtl *ctl, int argc, char **argv);
int gd_ctl_county     (GdCtl *ctl, int argc, char **argv);
int gd_ctl_import     (GdCtl *ctl, int argc, char **argv);
int gd_ctl_export     (GdCtl *ctl, int argc, char **argv);
int gd_ctl_attach     (GdCtl *ctl, int argc, char **argv);
int gd_ctl_patrol     (GdCtl *ctl, int argc, char **argv);
/* `incident register|feedback`, argv[0] being the subcommand (gd-ctl-loop.c) */
int gd_ctl_incident_register (GdCtl *ctl, int argc, char **argv);
int gd_ctl_incident_feedback (GdCtl *ctl, int argc, char **argv);
int gd_ctl_account    (GdCtl *ctl, int argc, char **argv);
int gd_ctl_audit      (GdCtl *ctl, int argc, char **argv);

/* Passwords (gd-ctl-password.c): the value of environment variable `var` (GD_ERROR_USAGE
 * when unset or empty); from `env_var` or else asked at the terminal without echo (`twice`:
 * asked again and compared). */
const char *gd_ctl_secret_from_env (const char *var, GError **error);
char       *gd_ctl_read_password   (const char *env_var, const char *prompt, gboolean twice,
                                    GError **error);

/* The password saved in the desktop secret store for this server and account
 * (gd-ctl-secret.c); GD_ERROR_USAGE when none is saved. */
const char *gd_ctl_lookup_password (const char *server, const char *user, GError **error);

G_END_DECLS
