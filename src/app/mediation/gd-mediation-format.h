/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-mediation-format.h: how the Mediation view and the case editor word a case's status
 * and deadlines (badges). */
#pragma once

#include <gtk/gtk.h>

#include "gd-dispute-flow.h"
#include "gd-display.h"

G_BEGIN_DECLS

/* A rounded badge; `style` (accent, success, warning, error or NULL) colours it. */
GtkWidget  *gd_case_badge_new       (const char *text, const char *style);
/* The badge style of a deadline: error when overdue, warning in the last three days. */
const char *gd_dispute_timer_style  (const GdDisputeTimer *timer);

/* "调解期限还剩 5 天", "回访逾期 2 天", "司法确认今天截止" */
char       *gd_dispute_timer_text   (const GdDisputeTimer *timer);
/* The badge style class of a status: accent, success, warning, error or NULL. */
const char *gd_dispute_status_style (const char *status);

G_END_DECLS
