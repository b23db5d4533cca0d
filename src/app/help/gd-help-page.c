/* gd-help-page.c: reading a user guide page (well-formed XHTML: title, h1, h2, p, ul/li with
 * b, strong, em, kbd inside) into Pango markup blocks. No browser engine needed.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-help-page"

#include "config.h"

#include <string.h>

#include "gd-help-window.h"

typedef struct {
  GPtrArray *blocks; /* kind, markup, kind, markup … */
  GString   *text;   /* the block being read */
  char      *kind;   /* its kind, or NULL outside blocks */
  char      *title;
  gboolean   in_title;
} Reader;

static const char *const block_kinds[] = { "h1", "h2", "p", "li", NULL };

static const char *
inline_tag (const char *element)
{
  if (g_str_equal (element, "b") || g_str_equal (element, "strong"))
    return "b";
  if (g_str_equal (element, "em"))
    return "i";
  if (g_str_equal (element, "kbd") || g_str_equal (element, "code"))
    return "tt";
  return NULL;
}

static void
on_start (GMarkupParseContext *context,
          const char          *element,
          const char         **names,
          const char         **values,
          gpointer             data,
          GError             **error)
{
  Reader *reader = data;
  const char *tag = inline_tag (element);

  if (g_str_equal (element, "title"))
    reader->in_title = TRUE;
  else if (g_strv_contains (block_kinds, element))
    {
      g_free (reader->kind);
      reader->kind = g_strdup (element);
      g_string_truncate (reader->text, 0);
    }
  else if (tag != NULL && reader->kind != NULL)
    g_string_append_printf (reader->text, "<%s>", tag);
}

static void
on_end (GMarkupParseContext *context,
        const char          *element,
        gpointer             data,
        GError             **error)
{
  Reader *reader = data;
  const char *tag = inline_tag (element);

  if (g_str_equal (element, "title"))
    reader->in_title = FALSE;
  else if (reader->kind != NULL && g_str_equal (element, reader->kind))
    {
      g_ptr_array_add (reader->blocks, g_steal_pointer (&reader->kind));
      g_ptr_array_add (reader->blocks, g_strdup (g_strstrip (reader->text->str)));
    }
  else if (tag != NULL && reader->kind != NULL)
    g_string_append_printf (reader->text, "</%s>", tag);
}

static void
on_text (GMarkupParseContext *context,
         const char          *text,
         gsize                length,
         gpointer             data,
         GError             **error)
{
  Reader *reader = data;
  g_autofree char *escaped = NULL;
  g_autofree char *plain = g_strndup (text, length);

  /* line breaks of the source are only layout: a space */
  g_strdelimit (plain, "\n\t", ' ');
  if (reader->in_title)
    {
      g_autofree char *old = reader->title;
      reader->title = g_strconcat (old != NULL ? old : "", g_strstrip (plain), NULL);
      return;
    }
  if (reader->kind == NULL)
    return;
  escaped = g_markup_escape_text (plain, -1);
  g_string_append (reader->text, escaped);
}

gboolean
gd_help_page_parse (const char  *text,
                    gssize       length,
                    GPtrArray  **out_blocks,
                    char       **out_title,
                    GError     **error)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  Reader reader = { 0 };
  g_autoptr(GMarkupParseContext) context = NULL;
  gboolean ok;

  g_return_val_if_fail (text != NULL && out_blocks != NULL, FALSE);

  reader.blocks = g_ptr_array_new_with_free_func (g_free);
  reader.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &reader, NULL);
  /* the page starts with <!DOCTYPE html>, which GMarkup does not read */
  if (length < 0)
    length = (gssize) strlen (text);
  if (g_str_has_prefix (text, "<!DOCTYPE"))
    {
      const char *end = memchr (text, '>', (gsize) length);
      if (end != NULL)
        {
          length -= end + 1 - text;
          text = end + 1;
        }
    }
  ok = g_markup_parse_context_parse (context, text, length, error)
       && g_markup_parse_context_end_parse (context, error);
  g_string_free (reader.text, TRUE);
  g_free (reader.kind);
  if (!ok)
    {
      g_ptr_array_unref (reader.blocks);
      g_free (reader.title);
      return FALSE;
    }
  *out_blocks = reader.blocks;
  if (out_title != NULL)
    *out_title = reader.title;
  else
    g_free (reader.title);
  return TRUE;
}
