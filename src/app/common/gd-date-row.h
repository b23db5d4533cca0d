/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-date-row.h: a date entry row (YYYY-MM-DD) with a calendar button. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Adds a calendar button to a date entry row (text YYYY-MM-DD). */
void            gd_date_row_add_calendar  (AdwEntryRow        *row);

G_END_DECLS
