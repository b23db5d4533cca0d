/* gd-issues.h: field-level validation findings ("members[1].id_number: check digit should be 6").
 *
 * Errors refuse a write; warnings are shown and left to the operator (e.g. a birth date that
 * disagrees with the one derived from the ID number).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gd-types.h"

G_BEGIN_DECLS

typedef enum {
  GD_ISSUE_ERROR,
  GD_ISSUE_WARNING,
} GdIssueSeverity;

typedef struct {
  GdIssueSeverity severity;
  char *path;    /* JSON path of the field, e.g. "members[1].id_number" */
  char *message; /* why, in plain words */
  char *code;    /* what, for programs (GD_ISSUE_CODE_…), or NULL: react to codes, not text */
  char **args;   /* the code's arguments as text (NULL-terminated), or NULL */
} GdIssue;

/* Issue codes and their arguments */
#define GD_ISSUE_CODE_NO_MEMBERS "household-no-members" /* a household without members */
#define GD_ISSUE_CODE_HEADS      "household-heads"      /* not exactly one head: { count } */
#define GD_ISSUE_CODE_NO_GRID    "grid-missing"         /* the grid named is not here: { grid } */
/* Codes whose arguments name other fields by JSON path, so editors can say their labels */
#define GD_ISSUE_CODE_EARLIER_THAN "earlier-than"       /* a time before another: { path } */
#define GD_ISSUE_CODE_NOT_ACCEPTED "session-not-accepted" /* a session before acceptance: { path } */
#define GD_ISSUE_CODE_NO_EFFECTIVE "confirmation-no-effective" /* { path, window days } */
#define GD_ISSUE_CODE_LATE_FILING  "confirmation-late"  /* { days, path, window days } */

GdIssues      *gd_issues_new          (void);
void           gd_issues_free         (GdIssues *issues);
void           gd_issues_add          (GdIssues       *issues,
                                       GdIssueSeverity severity,
                                       const char     *path,
                                       const char     *format,
                                       ...) G_GNUC_PRINTF (4, 5);
/* The same with a machine `code` and its `args` (NULL-terminated, may be NULL), copied. */
void           gd_issues_add_code     (GdIssues           *issues,
                                       GdIssueSeverity     severity,
                                       const char         *path,
                                       const char         *code,
                                       const char * const *args,
                                       const char         *format,
                                       ...) G_GNUC_PRINTF (6, 7);
#define gd_issues_error(issues, path, ...)   gd_issues_add (issues, GD_ISSUE_ERROR, path, __VA_ARGS__)
#define gd_issues_warning(issues, path, ...) gd_issues_add (issues, GD_ISSUE_WARNING, path, __VA_ARGS__)
guint          gd_issues_get_n_items  (GdIssues *issues);
const GdIssue *gd_issues_get_item     (GdIssues *issues, guint index);
guint          gd_issues_count        (GdIssues *issues, GdIssueSeverity severity);
gboolean       gd_issues_has_errors   (GdIssues *issues);
const GdIssue *gd_issues_find         (GdIssues *issues, const char *path);
/* "path: message" lines of one severity, joined by '\n' */
char          *gd_issues_to_string    (GdIssues *issues, GdIssueSeverity severity);
/* FALSE with GD_ERROR_INVALID listing every error when there is one; TRUE otherwise. */
gboolean       gd_issues_check        (GdIssues *issues, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdIssues, gd_issues_free)

G_END_DECLS
