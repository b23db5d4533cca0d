/* test-overdue-notice.c: the overdue notice (issue 20) is for those who handle incidents and
 * shown once a day on a computer, remembered in a 0600 file of the user's state dir.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-overdue-notice"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gd-overdue-notice.h"

static void
test_roles (void)
{
  g_assert_true (gd_overdue_notice_for_role (GD_ROLE_GRID_WORKER));
  g_assert_true (gd_overdue_notice_for_role (GD_ROLE_CENTRE_OPERATOR));
  g_assert_true (gd_overdue_notice_for_role (GD_ROLE_ADMINISTRATOR));
  g_assert_false (gd_overdue_notice_for_role (GD_ROLE_MEDIATOR));
}

static void
test_once_a_day (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "griddesk", "overdue-notice-shown", NULL);
  g_autofree char *today = gd_overdue_notice_today ();
  GStatBuf st;

  g_assert_cmpint (strlen (today), ==, 10);
  g_assert_true (gd_overdue_notice_take_today ("2026-12-07"));
  g_assert_false (gd_overdue_notice_take_today ("2026-12-07"));
  g_assert_true (gd_overdue_notice_take_today ("2026-12-08"));
  g_assert_false (gd_overdue_notice_take_today ("2026-12-08"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

int
main (int   argc,
      char *argv[])
{
  /* the state dir is a temp dir of the test's own */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/overdue-notice/roles", test_roles);
  g_test_add_func ("/overdue-notice/once-a-day", test_once_a_day);
  return g_test_run ();
}
