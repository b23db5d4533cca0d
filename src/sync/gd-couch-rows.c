/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-couch-rows"
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <yajl/yajl_parse.h>

#include "gd-couch-rows.h"
#include "gd-error.h"

/* Where the parser is in the reply. Only a row's "doc" becomes json-glib nodes; every other
 * value is passed over (SKIPPING counts the containers it is inside). */
typedef enum {
  AT_TOP,   /* before the reply's object */
  IN_REPLY, /* between the reply's members */
  IN_ROWS,  /* between rows */
  IN_ROW,   /* between a row's members */
  IN_DOC,   /* inside the doc: `stack` holds its open objects and arrays */
  SKIPPING, /* inside a container nobody needs; back to `skip_from` when it closes */
  DONE,     /* after the reply's object */
} Where;

/* The member whose value comes next, in the reply or a row. */
typedef enum {
  MEMBER_OTHER,
  MEMBER_ROWS,
  MEMBER_DOC,
  MEMBER_KEY,
  MEMBER_ERROR,
} Member;

/* What the pass keeps. */
typedef enum {
  READ_ROWS,  /* gd_couch_rows_parse(): each row's doc as json-glib, and its text */
  SPLIT_ROWS, /* gd_couch_rows_split(): each row's doc text only, the doc passed over */
  SCAN_ROWS,  /* gd_couch_rows_scan(): only the row count and the last key */
  READ_DOC,   /* gd_couch_doc_parse(): the text is one doc, read as if at a row's "doc" */
} Mode;

typedef struct {
  JsonObject *object; /* one of the two */
  JsonArray  *array;
} Frame;

typedef struct {
  yajl_handle  handle;
  const char  *data;
  Mode         mode;
  gboolean     skipping_doc; /* SPLIT_ROWS: the container skipped is the row's doc */
  guint        n_rows;
  char        *last_key;
  Where        where;
  Where        skip_from;
  guint        skip_depth;
  Member       member;
  gboolean     seen_rows;
  guint        row_number;  /* 1-based, of the row being read */
  GdCouchRow  *row;         /* being read; owns the doc under construction */
  char        *row_error;   /* the row's "error", e.g. "not_found" */
  gsize        key_from;    /* offset just after the row's "key" member name */
  gsize        body_from;
  GArray      *stack;       /* Frame: the doc's open containers */
  GString     *name;        /* the doc member name whose value comes next (reused) */
  GString     *text;        /* a string or number value, NUL-terminated (reused) */
  GPtrArray   *rows;
  GError      *error;
} Parse;

void
gd_couch_row_free (GdCouchRow *row)
{
  if (row == NULL)
    return;
  g_clear_pointer (&row->doc, json_object_unref);
  g_free (row->body);
  g_free (row->key);
  g_free (row);
}

static gsize
consumed (Parse *parse)
{
  return yajl_get_bytes_consumed (parse->handle);
}

/* "byte 1234, row 5": where the parser stands, for messages. */
static char *
position (Parse *parse,
          gsize  offset)
{
  gboolean in_rows;

  switch (parse->where)
    {
    case IN_ROWS:
    case IN_ROW:
    case IN_DOC:
      in_rows = TRUE;
      break;
    case SKIPPING:
      in_rows = parse->skip_from != IN_REPLY;
      break;
    case AT_TOP:
    case IN_REPLY:
    case DONE:
    default:
      in_rows = FALSE;
    }
  if (in_rows && parse->row_number > 0)
    /* Translators: a place in the server's reply: byte offset, then the row's number */
    return g_strdup_printf (_("byte %lu, row %u"), (gulong) offset, parse->row_number);
  /* Translators: a place in the server's reply, as a byte offset */
  return g_strdup_printf (_("byte %lu"), (gulong) offset);
}

typedef enum {
  FAIL_NOT_OBJECT,
  FAIL_NO_ROWS,
  FAIL_ROW_NOT_OBJECT,
} Failure;

/* Stops the parse (a callback's 0) with a message that says where. */
static int
fail (Parse  *parse,
      Failure failure)
{
  g_autofree char *where = NULL;

  /* the element that is not a row is counted as one, so the message names it */
  if (failure == FAIL_ROW_NOT_OBJECT)
    parse->row_number++;
  where = position (parse, consumed (parse));

  switch (failure)
    {
    case FAIL_NOT_OBJECT:
      g_set_error (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                   /* Translators: %s is a place in the reply such as "byte 1234" */
                   _("the server's _all_docs reply is not a JSON object (%s)"), where);
      break;
    case FAIL_NO_ROWS:
      g_set_error (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                   /* Translators: %s is a place in the reply such as "byte 1234"; keep “rows” as it is */
                   _("the server's _all_docs reply has no “rows” array (%s)"), where);
      break;
    case FAIL_ROW_NOT_OBJECT:
    default:
      g_set_error (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                   /* Translators: %s is a place in the reply such as "byte 1234, row 5" */
                   _("the server's _all_docs reply has a row that is not an object (%s)"), where);
    }
  return 0;
}

static void
add_node (Parse    *parse,
          JsonNode *node)
{
  Frame *top = &g_array_index (parse->stack, Frame, parse->stack->len - 1);

  if (top->object != NULL)
    json_object_set_member (top->object, parse->name->str, node);
  else
    json_array_add_element (top->array, node);
}

/* The doc's own text, from its '{' to the '}' yajl has just consumed. */
static char *
doc_text (Parse *parse)
{
  return g_strndup (parse->data + parse->body_from, consumed (parse) - parse->body_from);
}

static void
skip (Parse *parse)
{
  parse->skip_from = parse->where;
  parse->skip_depth = 1;
  parse->where = SKIPPING;
}

/* A whole value of the reply or of a row has been read (a scalar, or a container closed). */
static int
value_done (Parse *parse)
{
  if (parse->where == IN_ROW && parse->member == MEMBER_KEY)
    {
      /* the key's own text: from after its member name, past ':' and blanks, to here */
      const char *from = parse->data + parse->key_from;
      const char *to = parse->data + consumed (parse);

      while (from < to && (*from == ':' || g_ascii_isspace (*from)))
        from++;
      g_free (parse->row->key);
      parse->row->key = g_strndup (from, to - from);
    }
  parse->member = MEMBER_OTHER;
  return 1;
}

/* A scalar outside the doc: only a row's key and error are wanted. */
static int
scalar (Parse      *parse,
        const char *string,
        gsize       length)
{
  switch (parse->where)
    {
    case AT_TOP:
      return fail (parse, FAIL_NOT_OBJECT);
    case IN_ROWS:
      return fail (parse, FAIL_ROW_NOT_OBJECT);
    case IN_REPLY:
      if (parse->member == MEMBER_ROWS)
        return fail (parse, FAIL_NO_ROWS);
      return value_done (parse);
    case IN_ROW:
      if (parse->member == MEMBER_ERROR && string != NULL)
        {
          g_free (parse->row_error);
          parse->row_error = g_strndup (string, length);
        }
      return value_done (parse);
    case SKIPPING:
      return 1;
    case IN_DOC:
    case DONE:
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static int
on_null (void *user_data)
{
  Parse *parse = user_data;

  if (parse->where != IN_DOC)
    return scalar (parse, NULL, 0);
  add_node (parse, json_node_init_null (json_node_alloc ()));
  return 1;
}

static int
on_boolean (void *user_data,
            int   value)
{
  Parse *parse = user_data;

  if (parse->where != IN_DOC)
    return scalar (parse, NULL, 0);
  add_node (parse, json_node_init_boolean (json_node_alloc (), value != 0));
  return 1;
}

static int
on_number (void       *user_data,
           const char *number,
           size_t      length)
{
  Parse *parse = user_data;
  JsonNode *node;
  gboolean integer = TRUE;

  if (parse->where != IN_DOC)
    return scalar (parse, NULL, 0);
  g_string_truncate (parse->text, 0);
  g_string_append_len (parse->text, number, length);
  for (gsize i = 0; i < length && integer; i++)
    integer = number[i] != '.' && number[i] != 'e' && number[i] != 'E';
  node = json_node_alloc ();
  if (integer)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (parse->text->str, NULL, 10);
      /* beyond gint64 it is a double, as JsonParser makes it */
      if (errno == 0)
        {
          add_node (parse, json_node_init_int (node, value));
          return 1;
        }
    }
  add_node (parse, json_node_init_double (node, g_ascii_strtod (parse->text->str, NULL)));
  return 1;
}

static int
on_string (void                *user_data,
           const unsigned char *string,
           size_t               length)
{
  Parse *parse = user_data;

  if (parse->where != IN_DOC)
    return scalar (parse, (const char *) string, length);
  /* yajl's text is unescaped and not NUL-terminated */
  g_string_truncate (parse->text, 0);
  g_string_append_len (parse->text, (const char *) string, length);
  add_node (parse, json_node_init_string (json_node_alloc (), parse->text->str));
  return 1;
}

static int
on_map_key (void                *user_data,
            const unsigned char *key,
            size_t               length)
{
  Parse *parse = user_data;

#define IS(name) (length == sizeof (name) - 1 && memcmp (key, name, length) == 0)
  switch (parse->where)
    {
    case IN_DOC:
      g_string_truncate (parse->name, 0);
      g_string_append_len (parse->name, (const char *) key, length);
      break;
    case IN_REPLY:
      /* a _changes reply's "results" are rows with a "doc" too */
      parse->member = IS ("rows") || IS ("results") ? MEMBER_ROWS : MEMBER_OTHER;
      break;
    case IN_ROW:
      if (IS ("doc"))
        parse->member = MEMBER_DOC;
      else if (IS ("key"))
        {
          parse->member = MEMBER_KEY;
          parse->key_from = consumed (parse);
        }
      else if (IS ("error"))
        parse->member = MEMBER_ERROR;
      else
        parse->member = MEMBER_OTHER;
      break;
    case SKIPPING:
      break;
    case AT_TOP:
    case IN_ROWS:
    case DONE:
    default:
      g_assert_not_reached ();
    }
#undef IS
  return 1;
}

/* Opens an object or array inside the doc: attached to its parent at once, so the reused
 * member name is used before the container's own members overwrite it. */
static void
open_container (Parse *parse,
                Frame  frame)
{
  JsonNode *node = json_node_alloc ();

  if (frame.object != NULL)
    json_node_init_object (node, frame.object);
  else
    json_node_init_array (node, frame.array);
  add_node (parse, node);
  /* the parent's node holds the reference */
  if (frame.object != NULL)
    json_object_unref (frame.object);
  else
    json_array_unref (frame.array);
  g_array_append_val (parse->stack, frame);
}

static int
on_start_map (void *user_data)
{
  Parse *parse = user_data;

  switch (parse->where)
    {
    case IN_DOC:
      open_container (parse, (Frame) { json_object_new (), NULL });
      return 1;
    case SKIPPING:
      parse->skip_depth++;
      return 1;
    case AT_TOP:
      parse->where = IN_REPLY;
      return 1;
    case IN_REPLY:
      if (parse->member == MEMBER_ROWS)
        return fail (parse, FAIL_NO_ROWS);
      skip (parse);
      return 1;
    case IN_ROWS:
      parse->row_number++;
      parse->row = g_new0 (GdCouchRow, 1);
      g_clear_pointer (&parse->row_error, g_free);
      parse->member = MEMBER_OTHER;
      parse->where = IN_ROW;
      return 1;
    case IN_ROW:
      if (parse->member != MEMBER_DOC || parse->mode == SCAN_ROWS)
        {
          skip (parse);
          return 1;
        }
      /* yajl has consumed the '{' itself */
      parse->body_from = consumed (parse) - 1;
      /* a second "doc" in a row replaces the first */
      g_clear_pointer (&parse->row->doc, json_object_unref);
      g_clear_pointer (&parse->row->body, g_free);
      if (parse->mode == SPLIT_ROWS)
        {
          /* only its text is wanted, sliced out when the skip ends */
          skip (parse);
          parse->skipping_doc = TRUE;
          return 1;
        }
      parse->row->doc = json_object_new ();
      g_array_append_val (parse->stack, ((Frame) { parse->row->doc, NULL }));
      parse->where = IN_DOC;
      return 1;
    case DONE:
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static int
on_start_array (void *user_data)
{
  Parse *parse = user_data;

  switch (parse->where)
    {
    case IN_DOC:
      open_container (parse, (Frame) { NULL, json_array_new () });
      return 1;
    case SKIPPING:
      parse->skip_depth++;
      return 1;
    case AT_TOP:
      return fail (parse, FAIL_NOT_OBJECT);
    case IN_REPLY:
      if (parse->member != MEMBER_ROWS)
        {
          skip (parse);
          return 1;
        }
      parse->seen_rows = TRUE;
      parse->where = IN_ROWS;
      return 1;
    case IN_ROWS:
      return fail (parse, FAIL_ROW_NOT_OBJECT);
    case IN_ROW:
      skip (parse);
      return 1;
    case DONE:
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static int
end_row (Parse *parse)
{
  GdCouchRow *row = parse->row;

  parse->n_rows++;
  if (parse->mode == SCAN_ROWS)
    {
      g_free (parse->last_key);
      parse->last_key = g_steal_pointer (&row->key);
      g_clear_pointer (&parse->row, gd_couch_row_free);
      parse->where = IN_ROWS;
      return 1;
    }
  if (parse->mode == SPLIT_ROWS ? row->body == NULL : row->doc == NULL)
    {
      g_autofree char *where = position (parse, consumed (parse));

      if (parse->row_error != NULL)
        g_set_error (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                     /* Translators: a place in the reply ("byte 1234, row 5"), the row's key as JSON,
                      * then the server's reason such as not_found */
                     _("the server's _all_docs reply has a row without a document (%s, key %s): "
                       "the server says “%s”"),
                     where, row->key ? row->key : "-", parse->row_error);
      else
        g_set_error (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                     /* Translators: a place in the reply ("byte 1234, row 5"), the row's key as JSON;
                      * include_docs=true is the request's parameter, keep it as it is */
                     _("the server's _all_docs reply has a row without a document (%s, key %s); "
                       "was it asked with include_docs=true?"),
                     where, row->key ? row->key : "-");
      return 0;
    }
  g_ptr_array_add (parse->rows, g_steal_pointer (&parse->row));
  parse->where = IN_ROWS;
  return 1;
}

static int
on_end_container (void *user_data)
{
  Parse *parse = user_data;

  switch (parse->where)
    {
    case IN_DOC:
      g_array_set_size (parse->stack, parse->stack->len - 1);
      if (parse->stack->len > 0)
        return 1;
      /* gd_couch_doc_parse()'s caller has the text already */
      if (parse->mode != READ_DOC)
        parse->row->body = doc_text (parse);
      parse->where = IN_ROW;
      return value_done (parse);
    case SKIPPING:
      if (--parse->skip_depth > 0)
        return 1;
      parse->where = parse->skip_from;
      if (parse->skipping_doc)
        {
          parse->skipping_doc = FALSE;
          parse->row->body = doc_text (parse);
        }
      return value_done (parse);
    case IN_ROW:
      return end_row (parse);
    case IN_ROWS:
      parse->where = IN_REPLY;
      return value_done (parse);
    case IN_REPLY:
      parse->where = DONE;
      if (!parse->seen_rows)
        return fail (parse, FAIL_NO_ROWS);
      return 1;
    case AT_TOP:
    case DONE:
    default:
      g_assert_not_reached ();
      return 0;
    }
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_null,
  .yajl_boolean = on_boolean,
  /* the number's text, to tell integers from doubles as JsonParser does */
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = on_end_container,
  .yajl_start_array = on_start_array,
  .yajl_end_array = on_end_container,
};

/* yajl refused the text at `offset`: cut off at its end, or not JSON. */
static void
refused (Parse   *parse,
         gsize    offset,
         gboolean cut_off)
{
  unsigned char *message = yajl_get_error (parse->handle, 0, NULL, 0);
  g_autofree char *detail = g_strstrip (g_strdup ((const char *) message));
  g_autofree char *where = position (parse, offset);

  yajl_free_error (parse->handle, message);
  if (parse->mode == READ_DOC)
    /* one document: yajl's own words tell a cut-off one ("premature EOF") */
    g_set_error (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                 /* Translators: a place in the document such as "byte 1234", then the JSON
                  * parser's own message, in English */
                 _("a document from the server is not valid JSON (%s): %s"), where, detail);
  else if (cut_off)
    g_set_error (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                 /* Translators: %s is a place in the reply such as "byte 1234, row 5" */
                 _("the server's _all_docs reply is cut off (%s)"), where);
  else
    g_set_error (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                 /* Translators: a place in the reply ("byte 1234, row 5"), then the JSON parser's own
                  * message, in English */
                 _("the server's _all_docs reply is not valid JSON (%s): %s"), where, detail);
}

/* One pass over the text; `parse` is set up by the caller and cleared here but for what
 * the caller takes out of it. */
static gboolean
run (Parse      *parse,
     const char *data,
     gsize       length,
     GError    **error)
{
  yajl_status status;
  gboolean ok;

  parse->data = data;
  parse->stack = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 16);
  parse->name = g_string_sized_new (64);
  parse->text = g_string_sized_new (256);
  parse->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_couch_row_free);
  parse->handle = yajl_alloc (&callbacks, NULL, parse);
  /* one reply is one value; its strings must be valid UTF-8 (the defaults, said out loud) */
  yajl_config (parse->handle, yajl_allow_multiple_values, 0);
  yajl_config (parse->handle, yajl_allow_trailing_garbage, 0);
  yajl_config (parse->handle, yajl_dont_validate_strings, 0);

  status = yajl_parse (parse->handle, (const unsigned char *) data, length);
  if (status == yajl_status_ok)
    {
      status = yajl_complete_parse (parse->handle);
      /* yajl_complete_parse counts bytes from its own end marker: the text's end is here */
      if (status == yajl_status_error)
        refused (parse, length, TRUE);
    }
  else if (status == yajl_status_error)
    refused (parse, consumed (parse), FALSE);

  /* READ_DOC: the text's one value was read as a row's "doc", if it was an object */
  if (parse->error == NULL && parse->mode == READ_DOC)
    {
      if (parse->row->doc == NULL)
        g_set_error_literal (&parse->error, GD_ERROR, GD_ERROR_NETWORK,
                             _("a document from the server is not a JSON object"));
      else
        g_ptr_array_add (parse->rows, g_steal_pointer (&parse->row));
    }

  /* yajl has seen one whole value, and anything but an object was refused */
  g_assert (parse->error != NULL || parse->where == (parse->mode == READ_DOC ? IN_ROW : DONE));

  ok = parse->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&parse->error));
  yajl_free (parse->handle);
  gd_couch_row_free (parse->row);
  g_free (parse->row_error);
  g_array_unref (parse->stack);
  g_string_free (parse->name, TRUE);
  g_string_free (parse->text, TRUE);
  return ok;
}

/* The rows of a page read in `mode`, or NULL with `error` set. */
static GPtrArray *
rows_in_mode (Mode        mode,
              const char *data,
              gsize       length,
              GError    **error)
{
  Parse parse = { .mode = mode };

  if (!run (&parse, data, length, error))
    {
      g_ptr_array_unref (parse.rows);
      return NULL;
    }
  return parse.rows;
}

GPtrArray *
gd_couch_rows_parse (const char *data,
                     gsize       length,
                     GError    **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return rows_in_mode (READ_ROWS, data, length, error);
}

GPtrArray *
gd_couch_rows_split (const char *data,
                     gsize       length,
                     GError    **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return rows_in_mode (SPLIT_ROWS, data, length, error);
}

JsonObject *
gd_couch_doc_parse (const char *text,
                    gsize       length,
                    GError    **error)
{
  /* as if the text came right after a row's "doc": member name, with the page's tree builder */
  Parse parse = {
    .mode = READ_DOC,
    .where = IN_ROW,
    .member = MEMBER_DOC,
  };
  JsonObject *doc = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parse.row = g_new0 (GdCouchRow, 1);
  if (run (&parse, text, length, error))
    doc = g_steal_pointer (&((GdCouchRow *) parse.rows->pdata[0])->doc);
  g_ptr_array_unref (parse.rows);
  return doc;
}

gboolean
gd_couch_rows_scan (const char *data,
                    gsize       length,
                    guint      *n_rows,
                    char      **last_key,
                    GError    **error)
{
  Parse parse = { .mode = SCAN_ROWS };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = run (&parse, data, length, error);
  g_ptr_array_unref (parse.rows);
  if (ok && n_rows != NULL)
    *n_rows = parse.n_rows;
  if (ok && last_key != NULL)
    *last_key = g_steal_pointer (&parse.last_key);
  g_free (parse.last_key);
  return ok;
}
