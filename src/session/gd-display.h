/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-display.h: how dates and codes read in the interface language (Chinese formats under
 * zh_CN), without GTK. */
#pragma once

#include <glib.h>

#include "gd-codes.h"

G_BEGIN_DECLS

/* "2026-11-23" or an RFC 3339 timestamp -> "2026年11月23日" (translated format); NULL in,
 * NULL out; unparsable text is returned as it is. */
char       *gd_format_date          (const char *date_or_timestamp);
/* An RFC 3339 timestamp in China time (UTC+8) with minutes: "2026年11月23日 14:05". */
char       *gd_format_date_time     (const char *timestamp);
/* The name of `code` in table `list` for the interface language (name_zh under Chinese,
 * name_en otherwise); the code itself when unknown; NULL for NULL. Static data. */
const char *gd_code_display_name    (const char *list, const char *code);
/* An item's name for the interface language. */
const char *gd_code_item_display_name (const GdCodeItem *item);
/* Today's date in China time (mediation deadlines count days from it). */
void        gd_mediation_today      (GDate *out_today);

/* Care tags by display name joined by the list separator ("、"); sensitive categories are
 * shown once as a generic "special group". Free with g_free. */
char       *gd_household_format_tags (const char * const *tags);

G_END_DECLS
