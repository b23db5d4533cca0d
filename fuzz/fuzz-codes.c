/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: any text as a citizen ID number (GB 11643) and as a division code of each level
 * (GB/T 2260). Nothing may crash; an accepted ID has 18 (or 15) characters and a real date. */
#define G_LOG_DOMAIN "gd-fuzz"
#include "config.h"

#include <string.h>

#include "gd-division.h"
#include "gd-idcard.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  GdIdCard card;
  GDate today;
  char *reason = NULL;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 7, 12, 2026);
  if (gd_idcard_parse (text, &today, &card, &reason))
    {
      g_assert_true (strlen (text) == 18 || strlen (text) == 15);
      g_assert_null (reason);
    }
  else
    {
      g_assert_nonnull (reason);
      g_assert_true (g_utf8_validate (reason, -1, NULL));
    }
  g_free (reason);

  for (GdLevel level = GD_LEVEL_COUNTY; level <= GD_LEVEL_GRID; level++)
    {
      reason = NULL;
      if (gd_division_code_check (text, level, &reason))
        g_assert_cmpuint (strlen (text), ==, gd_level_code_length (level));
      g_free (reason);
    }
  return 0;
}
