/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-division"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-division.h"

#include <string.h>

static const struct {
  const char *name;
  guint       length;
} levels[] = {
  [GD_LEVEL_COUNTY]  = { "county", 6 },
  [GD_LEVEL_TOWN]    = { "town", 9 },
  [GD_LEVEL_VILLAGE] = { "village", 12 },
  [GD_LEVEL_GRID]    = { "grid", 15 },
};

const char *
gd_level_to_string (GdLevel level)
{
  g_return_val_if_fail ((guint) level < G_N_ELEMENTS (levels), NULL);

  return levels[level].name;
}

gboolean
gd_level_from_string (const char *name,
                      GdLevel    *out_level)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_str_equal (name, levels[i].name))
      {
        if (out_level != NULL)
          *out_level = (GdLevel) i;
        return TRUE;
      }
  return FALSE;
}

guint
gd_level_code_length (GdLevel level)
{
  g_return_val_if_fail ((guint) level < G_N_ELEMENTS (levels), 0);

  return levels[level].length;
}

static gboolean
level_from_length (gsize    length,
                   GdLevel *out_level)
{
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (levels[i].length == length)
      {
        if (out_level != NULL)
          *out_level = (GdLevel) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gd_level_from_code (const char *code,
                    GdLevel    *out_level)
{
  g_return_val_if_fail (code != NULL, FALSE);

  return level_from_length (strlen (code), out_level);
}

gboolean
gd_division_province_exists (const char *code)
{
  /* GB/T 2260 province-level codes; 71 (Taiwan), 81 and 82 (Hong Kong, Macao) included. */
  static const char provinces[][3] = {
    "11", "12", "13", "14", "15",
    "21", "22", "23",
    "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46",
    "50", "51", "52", "53", "54",
    "61", "62", "63", "64", "65",
    "71", "81", "82",
  };

  g_return_val_if_fail (code != NULL, FALSE);

  if (!g_ascii_isdigit (code[0]) || !g_ascii_isdigit (code[1]))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (code[0] == provinces[i][0] && code[1] == provinces[i][1])
      return TRUE;
  return FALSE;
}

/* The 3-digit segment starting at `offset` as a number. */
static guint
segment (const char *code,
         guint       offset)
{
  return (guint) (code[offset] - '0') * 100 + (guint) (code[offset + 1] - '0') * 10
         + (guint) (code[offset + 2] - '0');
}

/* Why `code` is no well-formed code of `level`, or NULL when it is. */
static char *
code_problem (const char *code,
              GdLevel     level)
{
  guint want = levels[level].length;
  gsize length;

  if (code == NULL || *code == '\0')
    return g_strdup (_("is empty"));

  /* Count characters, not bytes, so a stray 全角 digit reports a sensible length. */
  length = g_utf8_validate (code, -1, NULL) ? (gsize) g_utf8_strlen (code, -1) : strlen (code);
  if (length != want)
    return g_strdup_printf (_("must have %u digits, has %zu"), want, length);
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return g_strdup (_("only digits allowed"));

  if (!gd_division_province_exists (code))
    return g_strdup_printf (_("province code %.2s does not exist"), code);

  /* 001-099 街道, 100-199 镇, 200-399 乡, 400-599 other township-level units. */
  if (want >= 9 && (segment (code, 6) == 0 || segment (code, 6) > 599))
    return g_strdup_printf (_("town segment %.3s is not a township (must be 001-599)"), code + 6);
  if (want >= 12 && segment (code, 9) == 0)
    return g_strdup (_("village segment 000 is not a village (must be 001-999)"));
  if (want >= 15 && segment (code, 12) == 0)
    return g_strdup (_("grid sequence 000 is not a grid (must be 001-999)"));

  return NULL;
}

gboolean
gd_division_code_check (const char *code,
                        GdLevel     level,
                        char      **reason)
{
  g_autofree char *problem = NULL;

  g_return_val_if_fail ((guint) level < G_N_ELEMENTS (levels), FALSE);

  problem = code_problem (code, level);
  if (problem == NULL)
    return TRUE;
  if (reason != NULL)
    *reason = g_steal_pointer (&problem);
  return FALSE;
}

gboolean
gd_division_code_within (const char *code,
                         const char *ancestor)
{
  gsize code_length, ancestor_length;

  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (ancestor != NULL, FALSE);

  code_length = strlen (code);
  ancestor_length = strlen (ancestor);
  /* Whole levels only: "3209021" is no ancestor of anything, and a code lies within itself. */
  if (!level_from_length (ancestor_length, NULL) || !level_from_length (code_length, NULL))
    return FALSE;
  if (code_length < ancestor_length)
    return FALSE;
  return strncmp (code, ancestor, ancestor_length) == 0;
}
