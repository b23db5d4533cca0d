/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-idcard"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-division.h"
#include "gd-idcard.h"
#include "gd-json.h"

#include <string.h>

char
gd_idcard_check_char (const char *first17)
{
  static const guint weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char check_chars[] = "10X98765432";
  guint sum = 0;

  g_return_val_if_fail (first17 != NULL, '\0');

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      g_return_val_if_fail (g_ascii_isdigit (first17[i]), '\0');
      sum += (guint) (first17[i] - '0') * weights[i];
    }
  return check_chars[sum % 11];
}

static guint
digits_value (const char *digits,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint) (digits[i] - '0');
  return value;
}

/* Digits only, except that an 18-character number may end in X or x. */
static gboolean
characters_allowed (const char *number,
                    gsize       length,
                    gboolean    legacy)
{
  /* The character count already matched, so extra bytes mean a multi-byte character. */
  if (strlen (number) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      gboolean check_x = !legacy && i == 17 && (number[i] == 'X' || number[i] == 'x');

      if (!g_ascii_isdigit (number[i]) && !check_x)
        return FALSE;
    }
  return TRUE;
}

/* Why `number` is no valid ID as of `today`, or NULL when it is and `card` is filled in. */
static char *
idcard_problem (const char *number,
                GDate      *today,
                GdIdCard   *card)
{
  gsize length;
  gboolean legacy;
  const char *date_digits, *sequence;
  guint year, month, day;
  g_autoptr(GDate) birth = NULL;
  char expected;

  if (number == NULL || *number == '\0')
    return g_strdup (_("is empty"));

  length = g_utf8_validate (number, -1, NULL) ? (gsize) g_utf8_strlen (number, -1) : strlen (number);
  if (length != 18 && length != 15)
    return g_strdup_printf (
      _("must have 18 characters (or 15 for a legacy number), has %zu"), length);
  legacy = length == 15;
  if (!characters_allowed (number, length, legacy))
    return g_strdup (legacy ? _("only digits allowed")
                            : _("only digits allowed, with X as the last character"));

  if (!gd_division_province_exists (number))
    return g_strdup_printf (_("region code %.2s is not a province"), number);

  date_digits = number + 6;
  if (legacy)
    {
      year = 1900 + digits_value (date_digits, 2);
      month = digits_value (date_digits + 2, 2);
      day = digits_value (date_digits + 4, 2);
      sequence = number + 12;
    }
  else
    {
      year = digits_value (date_digits, 4);
      month = digits_value (date_digits + 4, 2);
      day = digits_value (date_digits + 6, 2);
      sequence = number + 14;
    }
  if (year < 1900)
    return g_strdup_printf (_("birth date %04u-%02u-%02u is before 1900-01-01"), year, month, day);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return g_strdup_printf (_("birth date %04u-%02u-%02u is not a real date"), year, month, day);

  birth = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (g_date_compare (birth, today) > 0)
    return g_strdup_printf (_("birth date %04u-%02u-%02u is in the future"), year, month, day);

  /* Last, so a wrong check character is only blamed when everything it covers is sound. */
  if (!legacy)
    {
      expected = gd_idcard_check_char (number);
      if (g_ascii_toupper (number[17]) != expected)
        /* Translators: %c is the check character the number should end in, 0-9 or X */
        return g_strdup_printf (_("check digit should be %c"), expected);
    }

  memcpy (card->normalized, number, length);
  card->normalized[length] = '\0';
  if (!legacy)
    card->normalized[17] = g_ascii_toupper (number[17]);
  card->legacy = legacy;
  if (legacy)
    gd_idcard_upgrade (card->normalized, card->canonical);
  else
    memcpy (card->canonical, card->normalized, sizeof card->canonical);
  memcpy (card->region, number, 6);
  card->region[6] = '\0';
  g_snprintf (card->birth_date, sizeof card->birth_date, "%04u-%02u-%02u", year, month, day);
  card->sex = (sequence[2] - '0') % 2 == 1 ? GD_SEX_MALE : GD_SEX_FEMALE;
  return NULL;
}

void
gd_idcard_upgrade (const char *legacy,
                   char        out[19])
{
  g_return_if_fail (legacy != NULL && strlen (legacy) == 15);

  memcpy (out, legacy, 6);
  out[6] = '1';
  out[7] = '9';
  memcpy (out + 8, legacy + 6, 9);
  out[17] = '\0';
  out[17] = gd_idcard_check_char (out);
  out[18] = '\0';
}

gboolean
gd_idcard_legacy_form (const char *number,
                       char        out[16])
{
  if (number == NULL || strlen (number) != 18 || number[6] != '1' || number[7] != '9')
    return FALSE;
  memcpy (out, number, 6);
  memcpy (out + 6, number + 8, 9);
  out[15] = '\0';
  return TRUE;
}

gboolean
gd_idcard_parse (const char *number,
                 GDate      *today,
                 GdIdCard   *out,
                 char      **reason)
{
  g_autofree char *problem = NULL;
  GdIdCard card = { 0, };
  GDate local_today;

  g_return_val_if_fail (today == NULL || g_date_valid (today), FALSE);

  if (today == NULL)
    {
      gd_china_today (&local_today);
      today = &local_today;
    }
  problem = idcard_problem (number, today, &card);
  if (problem != NULL)
    {
      if (reason != NULL)
        *reason = g_steal_pointer (&problem);
      return FALSE;
    }
  if (out != NULL)
    *out = card;
  return TRUE;
}
