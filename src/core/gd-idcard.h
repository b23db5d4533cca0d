/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-idcard.h: citizen ID numbers (公民身份号码, GB 11643-1999) and legacy 15-digit numbers. */
#pragma once

#include <glib.h>

#include "gd-types.h"

G_BEGIN_DECLS

typedef struct {
  gboolean legacy;        /* an old 15-digit number (YYMMDD, no check char) */
  char     normalized[19];/* the number with a lower-case x made upper-case */
  char     canonical[19]; /* the 18-digit form: a legacy number upgraded (one person, one key) */
  char     region[7];     /* 6-digit address code where first registered (never a grid hint) */
  char     birth_date[11];/* YYYY-MM-DD; 15-digit numbers are taken as 19YY */
  GdSex    sex;           /* odd sequence = male, even = female */
} GdIdCard;

/* The GB 11643 check character ('0'-'9' or 'X') of the first 17 digits. */
char     gd_idcard_check_char (const char *first17);

/* The 18-digit form of a legacy 15-digit number: "19" inserted before its YYMMDD and the
 * check character added. */
void     gd_idcard_upgrade    (const char *legacy,
                               char        out[19]);
/* The 15-digit form an 18-digit number had before 1999 (born in 19YY): its "19" and check
 * character taken out. FALSE when it can have none (not 18 characters, born in another
 * century). */
gboolean gd_idcard_legacy_form (const char *number,
                                char        out[16]);

/* Parses and checks `number` against `today` (NULL: the current local date).
 * On failure returns FALSE and sets *reason (if not NULL) to a short reason (translated to the
 * interface language; English shown here) that fits after "id_number: ", e.g. "check digit should be 6",
 * "birth date 1990-02-30 is not a real date", "birth date 2090-01-01 is in the future",
 * "must have 18 characters (or 15 for a legacy number), has 17". */
gboolean gd_idcard_parse (const char *number,
                          GDate      *today,
                          GdIdCard   *out,
                          char      **reason);

G_END_DECLS
