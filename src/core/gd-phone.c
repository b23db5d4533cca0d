/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-phone"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-phone.h"

#include <string.h>

#define EXTENSION_MARK "转"
#define MAX_PHONE_INPUT 64
#define MAX_EXTENSION 6

/* A run of digits as typed, e.g. "0515" in "(0515) 8888-1234". */
typedef struct {
  gsize    start;  /* offset into Number.digits */
  gsize    length;
  char     sep;    /* what came before: '\0' (nothing), ' ', '-' or ')' */
  gboolean paren;  /* written inside parentheses */
} Group;

typedef struct {
  GString *digits; /* every digit, separators dropped */
  GArray  *groups; /* of Group */
  gboolean plus;   /* started with '+' */
} Number;

static void
number_clear (Number *number)
{
  if (number->digits != NULL)
    g_string_free (number->digits, TRUE);
  g_clear_pointer (&number->groups, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Number, number_clear)

static Group *
group_at (Number *number,
          guint   index)
{
  return &g_array_index (number->groups, Group, index);
}

/* Splits `text` into digit groups; returns why it cannot be a phone number, or NULL. */
static char *
tokenize (const char *text,
          Number     *number)
{
  char sep = '\0';
  gboolean in_group = FALSE, in_paren = FALSE, had_paren = FALSE;

  number->digits = g_string_new (NULL);
  number->groups = g_array_new (FALSE, TRUE, sizeof (Group));

  if (*text == '+')
    {
      number->plus = TRUE;
      text++;
    }
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (!in_group)
            {
              Group group = { number->digits->len, 0, sep, in_paren };

              g_array_append_val (number->groups, group);
              in_group = TRUE;
              sep = '\0';
            }
          g_string_append_c (number->digits, *p);
          group_at (number, number->groups->len - 1)->length++;
        }
      else if (*p == ' ' || *p == '-')
        {
          if (in_paren && in_group)
            return g_strdup (_("parentheses only go around the area code"));
          in_group = FALSE;
          /* A dash wins over spaces around it: it may announce an extension. */
          if (sep != '-')
            sep = *p;
        }
      else if (*p == '(')
        {
          /* Once, and only before a group. */
          if (had_paren || in_group)
            return g_strdup (_("parentheses only go around the area code"));
          in_paren = had_paren = TRUE;
        }
      else if (*p == ')')
        {
          if (!in_paren || !in_group)
            return g_strdup (_("parentheses only go around the area code"));
          in_paren = in_group = FALSE;
          sep = ')';
        }
      else
        return g_strdup (_("only digits, spaces, dashes and parentheses allowed"));
    }
  if (in_paren)
    return g_strdup (_("parentheses only go around the area code"));
  return NULL;
}

/* Drops the first `n` digits (a country code) and the groups they leave empty. */
static void
drop_leading_digits (Number *number,
                     gsize   n)
{
  g_string_erase (number->digits, 0, (gssize) n);
  for (guint i = 0; i < number->groups->len;)
    {
      Group *group = group_at (number, i);
      gsize cut = MIN (n, group->start + group->length) - MIN (n, group->start);

      group->length -= cut;
      group->start = group->start > n ? group->start - n : 0;
      if (group->length == 0)
        g_array_remove_index (number->groups, i);
      else
        i++;
    }
  if (number->groups->len > 0)
    group_at (number, 0)->sep = '\0';
}

/* Puts back the trunk 0 that the international form "+86 515 …" leaves out. */
static void
prepend_trunk_zero (Number *number)
{
  g_string_prepend_c (number->digits, '0');
  for (guint i = 0; i < number->groups->len; i++)
    {
      if (i == 0)
        group_at (number, i)->length++;
      else
        group_at (number, i)->start++;
    }
}

static gboolean
is_mobile_prefix (const char *digits)
{
  return digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

/* 110, 119, 120, 12345, 10086, 95588 …: hotlines, never a person's phone. */
static gboolean
is_service_number (const char *digits,
                   gsize       length)
{
  if (digits[0] == '1')
    return (length == 3 && (digits[1] == '1' || digits[1] == '2'))
           || (length == 5 && digits[1] >= '0' && digits[1] <= '2');
  if (digits[0] == '9')
    return length >= 5 && length <= 8 && (digits[1] == '5' || digits[1] == '6');
  return FALSE;
}

static gboolean
all_digits (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

static char *
check_landline (Number     *number,
                const char *extension,
                char      **normalized)
{
  const char *d = number->digits->str;
  gsize length = number->digits->len;
  gsize area_length, local_end = length;
  Group *first = group_at (number, 0);
  Group *last = group_at (number, number->groups->len - 1);

  if (d[1] == '0')
    return g_strdup (_("only +86 numbers are accepted"));
  /* 010 and 02x are the 2-digit area codes; every other one has 3 digits after the 0. */
  area_length = d[1] == '1' || d[1] == '2' ? 3 : 4;
  if (first->paren || (number->groups->len > 1 && first->length <= 4))
    if (first->length != area_length)
      return g_strdup_printf (_("area code %.*s should have %zu digits"),
                              (int) first->length, d, area_length);

  /* "-123" after a complete local number is an extension, not more of the number. */
  if (extension == NULL && number->groups->len > 1 && last->sep == '-'
      && last->start > area_length
      && (last->start - area_length == 7 || last->start - area_length == 8))
    {
      extension = d + last->start;
      local_end = last->start;
    }
  if (local_end < area_length + 7 || local_end > area_length + 8)
    return g_strdup_printf (_("a local number has 7 or 8 digits, this has %zu"),
                            local_end > area_length ? local_end - area_length : 0);
  if (d[area_length] == '0' || d[area_length] == '1')
    return g_strdup (_("a local number cannot start with 0 or 1"));
  if (extension != NULL && (*extension == '\0' || strlen (extension) > MAX_EXTENSION
                            || !all_digits (extension)))
    return g_strdup_printf (_("an extension has 1 to %d digits"), MAX_EXTENSION);

  if (normalized != NULL)
    *normalized = extension != NULL
      ? g_strdup_printf ("%.*s-%s", (int) local_end, d, extension)
      : g_strndup (d, local_end);
  return NULL;
}

/* Why `phone` is no personal phone number, or NULL when it is and *normalized is set. */
static char *
phone_problem (const char *phone,
               char      **normalized)
{
  g_autofree char *text = NULL;
  g_auto(Number) number = { 0, };
  const char *extension = NULL, *d;
  char *mark;
  char *problem;
  gsize length;
  gboolean international = FALSE;

  if (phone == NULL)
    return g_strdup (_("is empty"));
  text = g_strstrip (g_strdup (phone));
  if (*text == '\0')
    return g_strdup (_("is empty"));
  if (strlen (text) > MAX_PHONE_INPUT)
    return g_strdup (_("is too long for a phone number"));

  mark = strstr (text, EXTENSION_MARK);
  if (mark != NULL)
    {
      *mark = '\0';
      extension = g_strstrip (mark + strlen (EXTENSION_MARK));
      g_strstrip (text);
    }

  problem = tokenize (text, &number);
  if (problem != NULL)
    return problem;

  d = number.digits->str;
  if (number.plus)
    {
      if (!g_str_has_prefix (d, "86"))
        return g_strdup (_("only +86 numbers are accepted"));
      drop_leading_digits (&number, 2);
      international = TRUE;
    }
  else if (g_str_has_prefix (d, "0086"))
    {
      drop_leading_digits (&number, 4);
      international = TRUE;
    }
  else if (number.digits->len == 13 && g_str_has_prefix (d, "86") && is_mobile_prefix (d + 2))
    drop_leading_digits (&number, 2);

  d = number.digits->str;
  length = number.digits->len;
  if (length == 0)
    return g_strdup (_("has no digits"));
  for (guint i = 1; i < number.groups->len; i++)
    if (group_at (&number, i)->paren)
      return g_strdup (_("parentheses only go around the area code"));

  if (is_service_number (d, length))
    /* Translators: %s is a hotline such as 110 or 12345 */
    return g_strdup_printf (_("%s is a service number, not a personal phone"), d);
  if (length == 10 && (g_str_has_prefix (d, "400") || g_str_has_prefix (d, "800")))
    return g_strdup (_("400 and 800 numbers are company hotlines, not personal phones"));

  if (international && d[0] != '0' && !is_mobile_prefix (d))
    {
      prepend_trunk_zero (&number);
      d = number.digits->str;
      length = number.digits->len;
    }
  if (d[0] == '0')
    return check_landline (&number, extension, normalized);

  if (d[0] == '1')
    {
      if (extension != NULL)
        return g_strdup (_("only a landline can have an extension"));
      if (group_at (&number, 0)->paren)
        return g_strdup (_("parentheses only go around the area code"));
      if (length >= 2 && !is_mobile_prefix (d))
        return g_strdup_printf (_("a mobile number starts with 13 to 19, not %.2s"), d);
      if (length != 11)
        return g_strdup_printf (_("a mobile number has 11 digits, this has %zu"), length);
      if (normalized != NULL)
        *normalized = g_strdup (d);
      return NULL;
    }

  /* Looks like a landline typed without its 0, or without any area code. */
  if (group_at (&number, 0)->paren)
    return g_strdup (_("area code must start with 0"));
  if (length == 7 || length == 8)
    return g_strdup (_("a landline needs its area code, starting with 0"));
  if (number.groups->len > 1 && group_at (&number, 0)->length <= 4)
    return g_strdup (_("area code must start with 0"));
  return g_strdup (_("is not a mobile (1 + 10 digits) or landline (0 + area code + number)"));
}

gboolean
gd_phone_check (const char *phone,
                char      **normalized,
                char      **reason)
{
  g_autofree char *problem = NULL;
  g_autofree char *digits = NULL;

  problem = phone_problem (phone, &digits);
  if (problem != NULL)
    {
      if (reason != NULL)
        *reason = g_steal_pointer (&problem);
      return FALSE;
    }
  if (normalized != NULL)
    *normalized = g_steal_pointer (&digits);
  return TRUE;
}
