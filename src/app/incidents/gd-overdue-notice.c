/* gd-overdue-notice.c: see gd-overdue-notice.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-overdue-notice"

#include "config.h"

#include <glib/gstdio.h>

#include "gd-overdue-notice.h"

gboolean
gd_overdue_notice_for_role (GdRole role)
{
  return role == GD_ROLE_GRID_WORKER || role == GD_ROLE_CENTRE_OPERATOR
         || role == GD_ROLE_ADMINISTRATOR;
}

char *
gd_overdue_notice_today (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
gd_overdue_notice_take_today (const char *today)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "griddesk", NULL);
  g_autofree char *path = g_build_filename (dir, "overdue-notice-shown", NULL);
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (today != NULL, FALSE);

  if (g_file_get_contents (path, &last, NULL, NULL) && g_str_equal (g_strstrip (last), today))
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents_full (path, today, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Cannot record the overdue notice: %s", error != NULL ? error->message : g_strerror (errno));
  return TRUE;
}

void
gd_overdue_notice_set_badge (GtkWidget *view,
                             gint64     count)
{
  GtkWidget *stack = gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK);
  AdwViewStackPage *page = stack != NULL ? adw_view_stack_get_page (ADW_VIEW_STACK (stack), view) : NULL;

  if (page == NULL)
    return;
  adw_view_stack_page_set_badge_number (page, (guint) CLAMP (count, 0, G_MAXUINT));
  adw_view_stack_page_set_needs_attention (page, count > 0);
}
