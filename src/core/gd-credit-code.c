/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-credit-code"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-credit-code.h"
#include "gd-division.h"
#include "gd-idcard.h"

/* The 31 characters of GB 32100, in value order 0-30. */
static const char code_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

#define CODE_SET_SIZE 31
#define ORG_CODE_OFFSET 8
#define DIVISION_OFFSET 2
#define DIVISION_LENGTH 6
/* a registration by a national authority */
#define NATIONAL_DIVISION "100000"

static int
code_value (char c)
{
  const char *p = c != '\0' ? strchr (code_set, c) : NULL;

  return p != NULL ? (int) (p - code_set) : -1;
}

char
gd_credit_code_check_char (const char *first17)
{
  guint sum = 0, weight = 1;

  g_return_val_if_fail (first17 != NULL, '\0');

  for (guint i = 0; i < GD_CREDIT_CODE_LENGTH - 1; i++)
    {
      int value = code_value (first17[i]);

      if (value < 0)
        return '\0';
      sum += (guint) value * weight;
      weight = weight * 3 % CODE_SET_SIZE;
    }
  return code_set[(CODE_SET_SIZE - sum % CODE_SET_SIZE) % CODE_SET_SIZE];
}

char
gd_credit_code_org_check_char (const char *first8)
{
  static const guint weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  guint sum = 0, check;

  g_return_val_if_fail (first8 != NULL, '\0');

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      char c = first8[i];
      guint value;

      /* GB 11714 counts letters A=10 … Z=35 */
      if (g_ascii_isdigit (c))
        value = (guint) (c - '0');
      else if (c >= 'A' && c <= 'Z')
        value = (guint) (c - 'A') + 10;
      else
        return '\0';
      sum += value * weights[i];
    }
  check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
}

static char *
characters_problem (const char *code)
{
  for (guint i = 0; i < GD_CREDIT_CODE_LENGTH; i++)
    {
      char c = code[i];

      if (c >= 'a' && c <= 'z')
        /* Translators: %u is a position 1-18, %c the letter found there */
        return g_strdup_printf (_("character %u '%c' must be an upper-case letter"), i + 1, c);
      if (code_value (c) < 0)
        {
          if (c >= 'A' && c <= 'Z')
            return g_strdup_printf (_("character %u '%c' is not allowed (no I, O, S, V or Z)"),
                                    i + 1, c);
          return g_strdup_printf (_("character %u is not a digit or a letter"), i + 1);
        }
    }
  return NULL;
}

static char *
registrar_problem (const char *code)
{
  GdCodeTable *table = gd_codes_get ("credit-code-registrars");
  char authority[2] = { code[0], '\0' };
  char category[3] = { code[0], code[1], '\0' };
  const GdCodeItem *item;

  item = gd_code_table_lookup (table, authority);
  if (item == NULL || item->parent != NULL)
    /* Translators: the first character of a credit code names who registered the organisation */
    return g_strdup_printf (_("registration authority code '%c' does not exist"), code[0]);
  item = gd_code_table_lookup (table, category);
  if (item == NULL || g_strcmp0 (item->parent, authority) != 0)
    return g_strdup_printf (_("category code '%c' does not exist under registration authority "
                              "'%c' (%s)"),
                            code[1], code[0], gd_codes_get_name ("credit-code-registrars", authority));
  return NULL;
}

/* The division prefix a 6-digit code stands for: "320902", "3209" (city), "32" (province),
 * "" (national). */
static gsize
division_prefix_length (const char *division)
{
  if (strncmp (division, NATIONAL_DIVISION, DIVISION_LENGTH) == 0)
    return 0;
  if (strncmp (division + 2, "0000", 4) == 0)
    return 2;
  if (strncmp (division + 4, "00", 2) == 0)
    return 4;
  return DIVISION_LENGTH;
}

static char *
division_problem (const char *code,
                  const char *scope)
{
  const char *division = code + DIVISION_OFFSET;
  gsize prefix;

  for (guint i = 0; i < DIVISION_LENGTH; i++)
    if (!g_ascii_isdigit (division[i]))
      return g_strdup_printf (_("division code %.6s must have 6 digits"), division);
  prefix = division_prefix_length (division);
  if (prefix > 0 && !gd_division_province_exists (division))
    return g_strdup_printf (_("division code %.6s is not in a province"), division);
  if (scope == NULL || *scope == '\0')
    return NULL;
  /* in the scope (a county scope and the code's county) or above it (its city, province) */
  if (strncmp (scope, division, MIN (prefix, strlen (scope))) != 0)
    /* Translators: a registration division code, then this database's division code */
    return g_strdup_printf (_("division code %.6s is neither in nor above %s"), division, scope);
  return NULL;
}

/* Why `code` is no credit code, or NULL when it is one. */
static char *
credit_code_problem (const char *code,
                     const char *scope)
{
  char *problem;
  char expected;
  gsize length;

  if (code == NULL || *code == '\0')
    return g_strdup (_("is empty"));
  length = g_utf8_validate (code, -1, NULL) ? (gsize) g_utf8_strlen (code, -1) : strlen (code);
  if (length != GD_CREDIT_CODE_LENGTH)
    return g_strdup_printf (_("must have 18 characters, has %zu"), length);
  if (strlen (code) != GD_CREDIT_CODE_LENGTH)
    return g_strdup (_("only digits and upper-case letters allowed"));
  if ((problem = characters_problem (code)) != NULL
      || (problem = registrar_problem (code)) != NULL
      || (problem = division_problem (code, scope)) != NULL)
    return problem;

  expected = gd_credit_code_org_check_char (code + ORG_CODE_OFFSET);
  if (code[ORG_CODE_OFFSET + 8] != expected)
    /* Translators: %c is the check character of the 9-character organisation code (GB 11714) */
    return g_strdup_printf (_("organisation code check character should be %c"), expected);
  /* last, so it is only blamed when everything it covers is sound */
  expected = gd_credit_code_check_char (code);
  if (code[GD_CREDIT_CODE_LENGTH - 1] != expected)
    return g_strdup_printf (_("check character should be %c"), expected);
  return NULL;
}

gboolean
gd_credit_code_parse (const char   *code,
                      const char   *scope,
                      GdCreditCode *out,
                      char        **reason)
{
  g_autofree char *problem = credit_code_problem (code, scope);
  GdCreditCode parsed = { 0, };

  if (problem != NULL)
    {
      if (reason != NULL)
        *reason = g_steal_pointer (&problem);
      return FALSE;
    }
  parsed.authority[0] = code[0];
  memcpy (parsed.category, code, 2);
  memcpy (parsed.division, code + DIVISION_OFFSET, DIVISION_LENGTH);
  memcpy (parsed.org_code, code + ORG_CODE_OFFSET, 9);
  if (out != NULL)
    *out = parsed;
  return TRUE;
}

gboolean
gd_credit_code_looks_like (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != GD_CREDIT_CODE_LENGTH)
    return FALSE;
  for (guint i = 0; i < GD_CREDIT_CODE_LENGTH - 1; i++)
    if (!g_ascii_isdigit (text[i]))
      return TRUE;
  /* 18 digits: an ID unless only the credit-code reading holds */
  return !gd_idcard_parse (text, NULL, NULL, NULL) && gd_credit_code_parse (text, NULL, NULL, NULL);
}
