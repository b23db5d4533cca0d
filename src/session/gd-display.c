/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-display.c: how dates and codes read in the interface language, without GTK (list
 * models and views share it). */
#define G_LOG_DOMAIN "gd-display"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-display.h"
#include "gd-json.h"

/* Times read in China time (UTC+8) whatever the machine's zone: incidents, cases and printed
 * documents say the same hour (gd_china_time()). */
static GDateTime *
parse_china (const char *text)
{
  g_autoptr(GTimeZone) china = gd_china_time ();
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL)
    return NULL;
  if (strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);
      return g_date_time_new_from_iso8601 (midnight, china);
    }
  parsed = g_date_time_new_from_iso8601 (text, china);
  return parsed ? g_date_time_to_timezone (parsed, china) : NULL;
}

char *
gd_format_date (const char *date_or_timestamp)
{
  g_autoptr(GDateTime) at = parse_china (date_or_timestamp);

  if (date_or_timestamp == NULL)
    return NULL;
  if (at == NULL)
    return g_strdup (date_or_timestamp);
  /* Translators: a date, in g_date_time_format() syntax; Chinese: %Y年%-m月%-d日 */
  return g_date_time_format (at, _("%b %-d, %Y"));
}

char *
gd_format_date_time (const char *timestamp)
{
  g_autoptr(GDateTime) at = parse_china (timestamp);

  if (timestamp == NULL)
    return NULL;
  if (at == NULL)
    return g_strdup (timestamp);
  /* Translators: a date and time, in g_date_time_format() syntax; Chinese: %Y年%-m月%-d日 %H:%M */
  return g_date_time_format (at, _("%b %-d, %Y %H:%M"));
}

static gboolean
interface_is_chinese (void)
{
  /* what gettext picks: LANGUAGE first, then the locale */
  const char *const *names = g_get_language_names ();
  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

const char *
gd_code_item_display_name (const GdCodeItem *item)
{
  return interface_is_chinese () || item->name_en == NULL ? item->name_zh : item->name_en;
}

const char *
gd_code_display_name (const char *list,
                      const char *code)
{
  GdCodeTable *table;
  const GdCodeItem *item;

  if (code == NULL)
    return NULL;
  table = gd_codes_get (list);
  item = table ? gd_code_table_lookup (table, code) : NULL;
  return item ? gd_code_item_display_name (item) : code;
}

void
gd_mediation_today (GDate *out_today)
{
  /* the day in China, as the stored dates are counted: not the machine's, which made the
   * one-month window read 32 days on the day of acceptance in the evening (UTC) */
  gd_china_today (out_today);
}

char *
gd_household_format_tags (const char * const *tags)
{
  GString *text = g_string_new (NULL);
  gboolean sensitive_shown = FALSE;
  GdCodeTable *table = gd_codes_get ("care-tags");
  /* Translators: separates the care tags of a household in a list: "独居老人、低保" */
  const char *separator = C_("list separator", ", ");

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      const GdCodeItem *item = table ? gd_code_table_lookup (table, tags[i]) : NULL;
      const char *name;

      if (item != NULL && gd_code_item_is_sensitive (item))
        {
          if (sensitive_shown)
            continue;
          sensitive_shown = TRUE;
          /* Translators: stands for the care categories whose disclosure harms the person
           * (community correction, released prisoner …) in the register list; 综治 term */
          name = _("Special group");
        }
      else
        name = gd_code_display_name ("care-tags", tags[i]);

      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, name);
    }
  return g_string_free (text, FALSE);
}
