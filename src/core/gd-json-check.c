/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-json-check"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "gd-error.h"
#include "gd-json-check.h"

/* One pass over the text with an explicit stack of open containers: no recursion, so no
 * depth of nesting can overflow the C stack. */

typedef struct {
  const char *start;
  const char *end;
  const char *p;
  GError    **error;
} Scan;

/* 1-based line and column (in characters) of `at` */
static void
position (const Scan *scan,
          const char *at,
          guint      *out_line,
          guint      *out_column)
{
  const char *line_start = scan->start;
  guint line = 1;

  for (const char *q = scan->start; q < at; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }
  *out_line = line;
  /* the text up to `at` is valid UTF-8 when this is asked (checked first) */
  *out_column = (guint) g_utf8_strlen (line_start, at - line_start) + 1;
}

/* Every message ends with the place: "… at line L, column C". FALSE. */
static gboolean
fail_at (Scan       *scan,
         const char *at,
         const char *what)
{
  guint line, column;

  position (scan, at, &line, &column);
  /* Translators: what is wrong with a JSON text, then a line and a column number */
  g_set_error (scan->error, GD_ERROR, GD_ERROR_INVALID, _("%s at line %u, column %u"), what,
               line, column);
  return FALSE;
}

static gboolean
ends_early (Scan *scan)
{
  return fail_at (scan, scan->end, _("the JSON text ends early"));
}

/* What is at `at`, for a message: the character itself, or U+XXXX for an invisible one. */
static char *
describe_char (const char *at)
{
  gunichar c = g_utf8_get_char (at);

  if (g_unichar_isgraph (c))
    {
      char buffer[8] = { 0, };
      g_unichar_to_utf8 (c, buffer);
      return g_strdup_printf ("'%s'", buffer);
    }
  return g_strdup_printf ("U+%04X", c);
}

static gboolean
unexpected (Scan       *scan,
            const char *at)
{
  g_autofree char *what = NULL;
  g_autofree char *message = NULL;

  if (at >= scan->end)
    return ends_early (scan);
  if (*at == '/')
    return fail_at (scan, at, _("comments are not allowed in JSON"));
  if (*at == '\'')
    return fail_at (scan, at,
                    _("strings and member names take double quotes, not single quotes"));
  what = describe_char (at);
  /* Translators: a character ('x' or U+0007) */
  message = g_strdup_printf (_("unexpected character %s"), what);
  return fail_at (scan, at, message);
}

static void
skip_space (Scan *scan)
{
  while (scan->p < scan->end
         && (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* Four hex digits after "\u" at `at`; -1 when they are not. */
static gint32
read_hex4 (const Scan *scan,
           const char *at)
{
  gint32 value = 0;

  if (scan->end - at < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (at[i]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A string from its opening quote; scan->p is left after the closing one. */
static gboolean
scan_string (Scan *scan)
{
  const char *p = scan->p + 1;

  while (p < scan->end)
    {
      unsigned char c = (unsigned char) *p;
      const char *escape = p;
      gint32 unit;

      if (c == '"')
        {
          scan->p = p + 1;
          return TRUE;
        }
      if (c < 0x20)
        return fail_at (scan, p, _("a control character in a string must be escaped"));
      if (c != '\\')
        {
          p++;
          continue;
        }
      if (++p >= scan->end)
        return ends_early (scan);
      if (strchr ("\"\\/bfnrt", *p) != NULL && *p != '\0')
        {
          p++;
          continue;
        }
      if (*p != 'u' || (unit = read_hex4 (scan, p + 1)) < 0)
        {
          if (scan->end - p < 5 && *p == 'u')
            return ends_early (scan);
          return fail_at (scan, escape, _("invalid escape in a string"));
        }
      p += 5;
      if (unit == 0)
        /* Translators: \u0000 is JSON's spelling of the NUL character, not to translate */
        return fail_at (scan, escape, _("\\u0000 is not allowed in a string"));
      if (unit >= 0xDC00 && unit <= 0xDFFF)
        return fail_at (scan, escape, _("invalid escape in a string"));
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          gint32 low = scan->end - p >= 6 && p[0] == '\\' && p[1] == 'u'
                       ? read_hex4 (scan, p + 2) : -1;
          if (low < 0xDC00 || low > 0xDFFF)
            return fail_at (scan, escape, _("invalid escape in a string"));
          p += 6;
        }
    }
  return ends_early (scan);
}

static gboolean
scan_number (Scan *scan)
{
  const char *start = scan->p;
  const char *p = start;
  gboolean integer = TRUE;
  gsize length;

  if (*p == '-')
    p++;
  if (p >= scan->end)
    return ends_early (scan);
  if (*p == '0')
    p++;
  else if (*p >= '1' && *p <= '9')
    while (p < scan->end && g_ascii_isdigit (*p))
      p++;
  else
    return unexpected (scan, p);
  if (p < scan->end && *p == '.')
    {
      integer = FALSE;
      if (++p >= scan->end)
        return ends_early (scan);
      if (!g_ascii_isdigit (*p))
        return unexpected (scan, p);
      while (p < scan->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < scan->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      if (++p < scan->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= scan->end)
        return ends_early (scan);
      if (!g_ascii_isdigit (*p))
        return unexpected (scan, p);
      while (p < scan->end && g_ascii_isdigit (*p))
        p++;
    }
  scan->p = p;
  length = (gsize) (p - start);

  /* a number's text may run to the end of the buffer: read a NUL-terminated copy */
  if (integer)
    {
      gsize digits = length - (*start == '-');
      g_autofree char *copy = g_strndup (start, MIN (length, 24));
      gboolean in_range;

      /* json-glib keeps integers as gint64 and would wrap anything larger */
      errno = 0;
      in_range = digits <= 19 && (g_ascii_strtoll (copy, NULL, 10), errno == 0);
      if (!in_range)
        {
          g_autofree char *shown = g_strndup (start, MIN (length, 30));
          g_autofree char *message = NULL;

          /* Translators: the number (perhaps cut short); the range is that of 64-bit integers */
          message = g_strdup_printf (_("the integer %s%s is out of range (−9,223,372,036,854,775,808 "
                                       "to 9,223,372,036,854,775,807)"),
                                     shown, length > 30 ? "…" : "");
          return fail_at (scan, start, message);
        }
    }
  else
    {
      g_autofree char *copy = g_strndup (start, length);
      double value = g_ascii_strtod (copy, NULL);

      if (!isfinite (value))
        {
          g_autofree char *shown = g_strndup (start, MIN (length, 30));
          g_autofree char *message = NULL;

          /* Translators: the number (perhaps cut short) */
          message = g_strdup_printf (_("the number %s%s is out of range"), shown,
                                     length > 30 ? "…" : "");
          return fail_at (scan, start, message);
        }
    }
  return TRUE;
}

static gboolean
scan_literal (Scan *scan)
{
  static const char *const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize length = strlen (literals[i]);
      gsize left = (gsize) (scan->end - scan->p);

      if (literals[i][0] != *scan->p)
        continue;
      if (left < length && strncmp (scan->p, literals[i], left) == 0)
        return ends_early (scan);
      if (left >= length && strncmp (scan->p, literals[i], length) == 0)
        {
          scan->p += length;
          return TRUE;
        }
    }
  return unexpected (scan, scan->p);
}

typedef enum {
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE, /* just after '[' */
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,   /* just after '{' */
  AFTER_VALUE,
} State;

gboolean
gd_json_check_text (const char *text,
                    gssize      length,
                    guint       max_depth,
                    GError    **error)
{
  g_autofree char *stack = NULL; /* '{' or '[' of each open container */
  const char *invalid = NULL;
  guint depth = 0;
  State state = EXPECT_VALUE;
  Scan scan;

  g_return_val_if_fail (text != NULL, FALSE);

  if (length < 0)
    length = (gssize) strlen (text);
  scan.start = scan.p = text;
  scan.end = text + length;
  scan.error = error;

  if (!g_utf8_validate_len (text, (gsize) length, &invalid))
    {
      if (*invalid == '\0')
        return fail_at (&scan, invalid, _("the JSON text holds a NUL byte"));
      return fail_at (&scan, invalid, _("the JSON text is not valid UTF-8"));
    }
  skip_space (&scan);
  if (scan.p >= scan.end)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, _("the JSON text is empty"));
      return FALSE;
    }
  stack = g_malloc (max_depth + 1);

  for (;;)
    {
      skip_space (&scan);
      if (state == AFTER_VALUE && depth == 0)
        {
          if (scan.p < scan.end)
            return fail_at (&scan, scan.p,
                            _("more text after the end of the JSON value (one value only)"));
          return TRUE;
        }
      if (scan.p >= scan.end)
        return ends_early (&scan);

      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
        case EXPECT_KEY_OR_CLOSE:
          if (*scan.p == (state == EXPECT_KEY_OR_CLOSE ? '}' : ']'))
            {
              scan.p++;
              depth--;
              state = AFTER_VALUE;
              break;
            }
          state = state == EXPECT_KEY_OR_CLOSE ? EXPECT_KEY : EXPECT_VALUE;
          continue;

        case EXPECT_KEY:
          if (*scan.p != '"')
            {
              if (*scan.p == '/' || *scan.p == '\'')
                return unexpected (&scan, scan.p);
              return fail_at (&scan, scan.p, _("expected a member name in double quotes"));
            }
          if (!scan_string (&scan))
            return FALSE;
          skip_space (&scan);
          if (scan.p >= scan.end)
            return ends_early (&scan);
          if (*scan.p != ':')
            {
              if (*scan.p == '/')
                return unexpected (&scan, scan.p);
              return fail_at (&scan, scan.p, _("expected ':' after a member name"));
            }
          scan.p++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_VALUE:
          switch (*scan.p)
            {
            case '{':
            case '[':
              if (depth >= max_depth)
                {
                  g_autofree char *message = NULL;

                  /* Translators: the number of levels */
                  message = g_strdup_printf (_("nested deeper than %u levels"), max_depth);
                  return fail_at (&scan, scan.p, message);
                }
              stack[depth++] = *scan.p;
              state = *scan.p == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              scan.p++;
              break;
            case '"':
              if (!scan_string (&scan))
                return FALSE;
              state = AFTER_VALUE;
              break;
            case '-':
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              if (!scan_number (&scan))
                return FALSE;
              state = AFTER_VALUE;
              break;
            case 't':
            case 'f':
            case 'n':
              if (!scan_literal (&scan))
                return FALSE;
              state = AFTER_VALUE;
              break;
            default:
              return unexpected (&scan, scan.p);
            }
          break;

        case AFTER_VALUE:
        default:
          if (*scan.p == ',')
            {
              scan.p++;
              state = stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
            }
          else if (*scan.p == (stack[depth - 1] == '{' ? '}' : ']'))
            {
              scan.p++;
              depth--;
            }
          else if (*scan.p == '/')
            return unexpected (&scan, scan.p);
          else if (stack[depth - 1] == '{')
            return fail_at (&scan, scan.p, _("expected ',' or '}'"));
          else
            return fail_at (&scan, scan.p, _("expected ',' or ']'"));
          break;
        }
    }
}
