/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-search-keys"
#include "config.h"

#include <string.h>

#include "gd-json.h"
#include "gd-limits.h"
#include "gd-pinyin.h"
#include "gd-store-private.h"

/* How many pinyin variants a polyphonic name may add: enough for the usual surname and
 * given-name ambiguities, few enough to keep the index small. */
#define MAX_INITIALS_VARIANTS 4
#define MAX_FULL_VARIANTS 2

char *
gd_search_key_make (GdKeyTag    tag,
                    const char *text)
{
  char *key = g_strdup_printf ("%c%s", (char) tag, text);

  /* one key is one search term: it never holds the separator between terms */
  return g_strdelimit (key, (char[]) { GD_KEY_SEPARATOR, '\0' }, ' ');
}

char *
gd_search_digits_only (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p; p++)
    if (g_ascii_isdigit (*p) || *p == 'x' || *p == 'X')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

char *
gd_search_digits_reversed (const char *digits)
{
  return g_strreverse (g_strdup (digits));
}

/* The FTS rows of one household being built, and how many keys they hold: no document adds
 * more than GD_LIMIT_SEARCH_KEYS, whatever its names and addresses. */
typedef struct {
  GPtrArray *rows; /* of GString */
  guint      n_keys;
} Keys;

/* Appends one key to its FTS row (rows[member + 1]) as gd_search_key_make() would make it,
 * without making it: a first sync adds some forty keys per household. */
static void
add_key (Keys       *keys,
         int         member,
         GdKeyTag    tag,
         const char *text,
         gsize       length)
{
  GString *row;
  gsize start;

  if (member > GD_SEARCH_MAX_POSITION || keys->n_keys >= GD_LIMIT_SEARCH_KEYS)
    return;
  keys->n_keys++;
  row = keys->rows->pdata[member + 1];
  if (row->len > 0)
    g_string_append_c (row, GD_KEY_SEPARATOR);
  g_string_append_c (row, (char) tag);
  start = row->len;
  g_string_append_len (row, text, (gssize) length);
  /* one key is one search term: it never holds the separator between terms */
  for (gsize i = start; i < row->len; i++)
    if (row->str[i] == GD_KEY_SEPARATOR)
      row->str[i] = ' ';
}

/* One key per suffix (so a prefix search on keys is a substring search on the text),
 * each cut to `max_chars` characters (0: uncut). */
static void
add_suffixes (Keys       *keys,
              int         member,
              GdKeyTag    tag,
              const char *folded,
              guint       max_chars)
{
  for (const char *p = folded; *p && keys->n_keys < GD_LIMIT_SEARCH_KEYS; p = g_utf8_next_char (p))
    {
      const char *end = p;

      for (guint n = 0; *end && (max_chars == 0 || n < max_chars); n++)
        end = g_utf8_next_char (end);
      add_key (keys, member, tag, p, end - p);
    }
}

static void
add_variants (Keys      *keys,
              int        member,
              GdKeyTag   tag,
              char     **variants)
{
  for (guint i = 0; variants != NULL && variants[i] != NULL; i++)
    if (*variants[i] != '\0')
      add_key (keys, member, tag, variants[i], strlen (variants[i]));
}

/* Forward for full or leading digits, reversed for trailing digits. */
static void
add_number (Keys       *keys,
            int         member,
            GdKeyTag    forward,
            GdKeyTag    reversed,
            const char *text)
{
  g_autofree char *digits = gd_search_digits_only (text);
  gsize length = strlen (digits);

  if (length == 0)
    return;
  add_key (keys, member, forward, digits, length);
  g_strreverse (digits);
  add_key (keys, member, reversed, digits, length);
}

static void
add_member (Keys                 *keys,
            int                   position,
            const GdMemberFields *member)
{
  if (member->name != NULL)
    {
      g_autofree char *folded = gd_text_fold (member->name);
      g_auto(GStrv) initials = gd_pinyin_initials (member->name, GD_PINYIN_NAME, MAX_INITIALS_VARIANTS);
      g_auto(GStrv) full = gd_pinyin_full (member->name, GD_PINYIN_NAME, MAX_FULL_VARIANTS);

      add_suffixes (keys, position, GD_KEY_NAME, folded, 0);
      add_variants (keys, position, GD_KEY_PINYIN, initials);
      add_variants (keys, position, GD_KEY_PINYIN, full);
    }
  add_number (keys, position, GD_KEY_ID, GD_KEY_ID_REVERSED, member->id_number);
  add_number (keys, position, GD_KEY_PHONE, GD_KEY_PHONE_REVERSED, member->phone);
}

GPtrArray *
gd_search_key_rows (const GdHouseholdFields *household)
{
  guint n_members = household->members ? household->members->len : 0;
  guint n = 1 + MIN (n_members, GD_SEARCH_MAX_POSITION + 1);
  g_autoptr(GPtrArray) building = g_ptr_array_new_full (n, NULL);
  Keys keys = { building, 0 };
  GPtrArray *rows = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (building, g_string_new (NULL));
  /* the household's own keys first: the cap on keys never drops them */
  if (household->address != NULL)
    {
      g_autofree char *folded = gd_text_fold (household->address);
      add_suffixes (&keys, -1, GD_KEY_ADDRESS, folded, GD_KEY_ADDRESS_CHARS);
    }
  if (household->number != NULL)
    {
      g_autofree char *folded = gd_text_fold (household->number);
      add_key (&keys, -1, GD_KEY_NUMBER, folded, strlen (folded));
    }
  for (guint i = 0; i < n_members; i++)
    {
      const GdMemberFields *member = &g_array_index (household->members, GdMemberFields, i);
      if (member->is_object)
        add_member (&keys, (int) i, member);
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_string_free (building->pdata[i], FALSE));
  return rows;
}

/* A person named in an organisation: name with pinyin, phone. */
static void
add_contact (Keys       *keys,
             JsonObject *person)
{
  GdMemberFields fields = { 0, };

  if (person == NULL)
    return;
  fields.name = gd_json_get_string (person, "name");
  fields.phone = gd_json_get_string (person, "phone");
  add_member (keys, -1, &fields);
}

char *
gd_search_organisation_keys (JsonObject *organisation)
{
  g_autoptr(GPtrArray) building = g_ptr_array_new_full (1, NULL);
  Keys keys = { building, 0 };
  const char *name = gd_json_get_string (organisation, "name");
  const char *credit_code = gd_json_get_string (organisation, "credit_code");
  const char *address = gd_json_get_string (organisation, "address");

  g_ptr_array_add (building, g_string_new (NULL));
  /* the organisation's own name and code first: the cap on keys never drops them */
  if (credit_code != NULL)
    {
      g_autofree char *folded = gd_text_fold (credit_code);
      add_key (&keys, -1, GD_KEY_CREDIT, folded, strlen (folded));
    }
  if (name != NULL)
    {
      g_autofree char *folded = gd_text_fold (name);
      g_auto(GStrv) initials = gd_pinyin_initials (name, GD_PINYIN_TEXT, MAX_INITIALS_VARIANTS);
      g_auto(GStrv) full = gd_pinyin_full (name, GD_PINYIN_TEXT, MAX_FULL_VARIANTS);

      add_suffixes (&keys, -1, GD_KEY_NAME, folded, 0);
      add_variants (&keys, -1, GD_KEY_PINYIN, initials);
      add_variants (&keys, -1, GD_KEY_PINYIN, full);
    }
  add_contact (&keys, gd_json_get_object (organisation, "representative"));
  add_contact (&keys, gd_json_get_object (organisation, "safety_contact"));
  if (address != NULL)
    {
      g_autofree char *folded = gd_text_fold (address);
      add_suffixes (&keys, -1, GD_KEY_ADDRESS, folded, GD_KEY_ADDRESS_CHARS);
    }
  return g_string_free (building->pdata[0], FALSE);
}
