/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-phone.h: Chinese phone numbers: mobiles (1[3-9] + 9 digits, optional +86 / 86) and
 * landlines with area code (0xx-xxxxxxxx, dashes or spaces, optional extension). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks `phone`; on success *normalized (if not NULL) gets the digits-only form
 * (mobile: 11 digits; landline: area code + number, extension after '-').
 * On failure sets *reason, e.g. "a mobile number has 11 digits, this has 10". */
gboolean gd_phone_check (const char *phone,
                         char      **normalized,
                         char      **reason);

G_END_DECLS
