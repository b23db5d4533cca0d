/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-overdue-notice.h: the overdue incidents notice: who sees it, once a day, and the badge
 * on the Incidents view switcher. */
#pragma once

#include <adwaita.h>

#include "gd-operator.h"

G_BEGIN_DECLS

/* TRUE for the roles that handle incidents (grid workers, centre operators,
 * administrators); mediators do not. */
gboolean gd_overdue_notice_for_role   (GdRole      role);
/* TRUE when the notice was not shown yet on `today` ("2026-12-07", China time) on this
 * computer (a small file in the user's state dir), and records that it is shown now. */
gboolean gd_overdue_notice_take_today (const char *today);
/* Today in China time, "2026-12-07". */
char    *gd_overdue_notice_today      (void);
/* The count as the badge of `view`'s page in its AdwViewStack (0: none). */
void     gd_overdue_notice_set_badge  (GtkWidget  *view,
                                       gint64      count);

G_END_DECLS
