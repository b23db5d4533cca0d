/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-issues"
#include "config.h"

#include <stdarg.h>

#include "gd-error.h"
#include "gd-issues.h"

struct _GdIssues
{
  GArray *items; /* of GdIssue */
};

static void
issue_clear (gpointer data)
{
  GdIssue *issue = data;
  g_free (issue->path);
  g_free (issue->message);
  g_free (issue->code);
  g_strfreev (issue->args);
}

GdIssues *
gd_issues_new (void)
{
  GdIssues *issues = g_new0 (GdIssues, 1);
  issues->items = g_array_new (FALSE, TRUE, sizeof (GdIssue));
  g_array_set_clear_func (issues->items, issue_clear);
  return issues;
}

void
gd_issues_free (GdIssues *issues)
{
  if (issues == NULL)
    return;
  g_array_unref (issues->items);
  g_free (issues);
}

static void
add_issue (GdIssues           *issues,
           GdIssueSeverity     severity,
           const char         *path,
           const char         *code,
           const char * const *code_args,
           const char         *format,
           va_list             args)
{
  GdIssue issue = { 0 };

  issue.severity = severity;
  issue.path = g_strdup (path);
  issue.message = g_strdup_vprintf (format, args);
  issue.code = g_strdup (code);
  issue.args = code_args != NULL ? g_strdupv ((char **) code_args) : NULL;
  g_array_append_val (issues->items, issue);
}

void
gd_issues_add (GdIssues       *issues,
               GdIssueSeverity severity,
               const char     *path,
               const char     *format,
               ...)
{
  va_list args;

  g_return_if_fail (issues != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  add_issue (issues, severity, path, NULL, NULL, format, args);
  va_end (args);
}

void
gd_issues_add_code (GdIssues           *issues,
                    GdIssueSeverity     severity,
                    const char         *path,
                    const char         *code,
                    const char * const *code_args,
                    const char         *format,
                    ...)
{
  va_list args;

  g_return_if_fail (issues != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  add_issue (issues, severity, path, code, code_args, format, args);
  va_end (args);
}

guint
gd_issues_get_n_items (GdIssues *issues)
{
  g_return_val_if_fail (issues != NULL, 0);
  return issues->items->len;
}

const GdIssue *
gd_issues_get_item (GdIssues *issues,
                    guint     index)
{
  g_return_val_if_fail (issues != NULL, NULL);
  g_return_val_if_fail (index < issues->items->len, NULL);
  return &g_array_index (issues->items, GdIssue, index);
}

guint
gd_issues_count (GdIssues       *issues,
                 GdIssueSeverity severity)
{
  guint n = 0;

  g_return_val_if_fail (issues != NULL, 0);
  for (guint i = 0; i < issues->items->len; i++)
    if (g_array_index (issues->items, GdIssue, i).severity == severity)
      n++;
  return n;
}

gboolean
gd_issues_has_errors (GdIssues *issues)
{
  return gd_issues_count (issues, GD_ISSUE_ERROR) > 0;
}

const GdIssue *
gd_issues_find (GdIssues   *issues,
                const char *path)
{
  g_return_val_if_fail (issues != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  for (guint i = 0; i < issues->items->len; i++)
    {
      const GdIssue *issue = &g_array_index (issues->items, GdIssue, i);
      if (g_str_equal (issue->path, path))
        return issue;
    }
  return NULL;
}

char *
gd_issues_to_string (GdIssues       *issues,
                     GdIssueSeverity severity)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (issues != NULL, NULL);
  for (guint i = 0; i < issues->items->len; i++)
    {
      const GdIssue *issue = &g_array_index (issues->items, GdIssue, i);
      if (issue->severity != severity)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s: %s", issue->path, issue->message);
    }
  return g_string_free (out, FALSE);
}

gboolean
gd_issues_check (GdIssues *issues,
                 GError  **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (issues != NULL, FALSE);
  if (!gd_issues_has_errors (issues))
    return TRUE;
  text = gd_issues_to_string (issues, GD_ISSUE_ERROR);
  g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, text);
  return FALSE;
}
