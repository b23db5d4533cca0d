#define G_LOG_DOMAIN "gd-search-keys"
#include "config.h"

#include <string.h>

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

/* One key per suffix (so a prefix search on keys is a substring search on the text),
 * each cut to `max_chars` characters (0: uncut). */
static void
emit_suffixes (GdKeyTag    tag,
               const char *folded,
               guint       max_chars,
               int         member,
               GdKeyFunc   func,
               gpointer    user_data)
{
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      g_autofree char *suffix = NULL;
      g_autofree char *key = NULL;

      if (max_chars > 0 && (guint) g_utf8_strlen (p, -1) > max_chars)
        {
          const char *end = g_utf8_offset_to_pointer (p, max_chars);
          suffix = g_strndup (p, end - p);
        }
      key = gd_search_key_make (tag, suffix ? suffix : p);
      func (key, member, user_data);
    }
}

static void
emit_variants (GdKeyTag   tag,
               char     **variants,
               int        member,
               GdKeyFunc  func,
               gpointer   user_data)
{
  for (guint i = 0; variants != NULL && variants[i] != NULL; i++)
    if (*variants[i] != '\0')
      {
        g_autofree char *key = gd_search_key_make (tag, variants[i]);
        func (key, member, user_data);
      }
}

/* Forward for full or leading digits, reversed for trailing digits. */
static void
emit_number (GdKeyTag    forward,
             GdKeyTag    reversed,
             const char *text,
             int         member,
             GdKeyFunc   func,
             gpointer    user_data)
{
  g_autofree char *digits = gd_search_digits_only (text);
  g_autofree char *backwards = NULL;
  g_autofree char *key = NULL;
  g_autofree char *reversed_key = NULL;

  if (*digits == '\0')
    return;
  backwards = gd_search_digits_reversed (digits);
  key = gd_search_key_make (forward, digits);
  reversed_key = gd_search_key_make (reversed, backwards);
  func (key, member, user_data);
  func (reversed_key, member, user_data);
}

static void
emit_member (const GdMemberFields *member,
             int                   position,
             GdKeyFunc             func,
             gpointer              user_data)
{
  if (member->name != NULL)
    {
      g_autofree char *folded = gd_text_fold (member->name);
      g_auto(GStrv) initials = gd_pinyin_initials (member->name, GD_PINYIN_NAME, MAX_INITIALS_VARIANTS);
      g_auto(GStrv) full = gd_pinyin_full (member->name, GD_PINYIN_NAME, MAX_FULL_VARIANTS);

      emit_suffixes (GD_KEY_NAME, folded, 0, position, func, user_data);
      emit_variants (GD_KEY_PINYIN, initials, position, func, user_data);
      emit_variants (GD_KEY_PINYIN, full, position, func, user_data);
    }
  emit_number (GD_KEY_ID, GD_KEY_ID_REVERSED, member->id_number, position, func, user_data);
  emit_number (GD_KEY_PHONE, GD_KEY_PHONE_REVERSED, member->phone, position, func, user_data);
}

void
gd_search_keys_for_household (const GdHouseholdFields *household,
                              GdKeyFunc                func,
                              gpointer                 user_data)
{
  g_return_if_fail (household != NULL);
  g_return_if_fail (func != NULL);

  for (guint i = 0; household->members != NULL && i < household->members->len; i++)
    {
      const GdMemberFields *member = &g_array_index (household->members, GdMemberFields, i);
      if (member->is_object)
        emit_member (member, (int) i, func, user_data);
    }
  if (household->address != NULL)
    {
      g_autofree char *folded = gd_text_fold (household->address);
      emit_suffixes (GD_KEY_ADDRESS, folded, GD_KEY_ADDRESS_CHARS, -1, func, user_data);
    }
  if (household->number != NULL)
    {
      g_autofree char *folded = gd_text_fold (household->number);
      g_autofree char *key = gd_search_key_make (GD_KEY_NUMBER, folded);
      func (key, -1, user_data);
    }
}

static void
append_key_cb (const char *key,
               int         member,
               gpointer    user_data)
{
  GPtrArray *rows = user_data;
  GString *row;

  if (member > GD_SEARCH_MAX_POSITION)
    return;
  row = rows->pdata[member + 1];
  if (row->len > 0)
    g_string_append_c (row, GD_KEY_SEPARATOR);
  g_string_append (row, key);
}

GPtrArray *
gd_search_key_rows (const GdHouseholdFields *household)
{
  guint n = 1 + MIN (household->members ? household->members->len : 0, GD_SEARCH_MAX_POSITION + 1);
  g_autoptr(GPtrArray) building = g_ptr_array_new_full (n, NULL);
  GPtrArray *rows = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (building, g_string_new (NULL));
  gd_search_keys_for_household (household, append_key_cb, building);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_string_free (building->pdata[i], FALSE));
  return rows;
}
