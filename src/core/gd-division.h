/* gd-division.h: statistical division codes (GB/T 2260 + township + village) and grid codes.
 *
 * county (6) -> town (9) -> village (12) -> grid (15 = village + 3-digit sequence).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GD_LEVEL_COUNTY,
  GD_LEVEL_TOWN,
  GD_LEVEL_VILLAGE,
  GD_LEVEL_GRID,
} GdLevel;

/* "county", "town", "village", "grid" */
const char *gd_level_to_string   (GdLevel level);
gboolean    gd_level_from_string (const char *name, GdLevel *out_level);
/* The number of digits of a code at that level: 6, 9, 12, 15. */
guint       gd_level_code_length (GdLevel level);
/* The level a code's length implies; FALSE if the length fits none. */
gboolean    gd_level_from_code   (const char *code, GdLevel *out_level);

/* Checks that `code` is a well-formed code of `level`: only digits, right length, a province
 * prefix that exists (11..82), township segment 001-599 where present, sequences not 000.
 * On failure sets *reason, e.g. "must have 15 digits, has 14". */
gboolean    gd_division_code_check (const char *code,
                                    GdLevel     level,
                                    char      **reason);

/* TRUE when the first two characters of `code` are a province code of GB/T 2260
 * (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82). Shared with citizen IDs. */
gboolean    gd_division_province_exists (const char *code);

/* TRUE when `code` lies inside `ancestor` (string prefix on whole levels). */
gboolean    gd_division_code_within (const char *code, const char *ancestor);

G_END_DECLS
