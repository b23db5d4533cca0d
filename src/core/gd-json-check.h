/* gd-json-check.h: strict JSON (RFC 8259), checked before json-glib builds a tree.
 *
 * json-glib recurses once per level of nesting (a document nested 100,000 deep overflows the
 * stack), accepts comments, single quotes and a second value after the first, and says
 * "unexpected character `{'" of a text cut short. This scan reads the text once without
 * recursion and refuses, with the line and column: more than `max_depth` levels of arrays and
 * objects, anything but exactly one value, comments, single quotes, "\u0000" and lone
 * surrogates in strings, unescaped control characters, invalid UTF-8, integers outside 64 bits
 * (json-glib would wrap them: 99999999999999999999 read as -1) and numbers too large for a
 * double.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when `text` (of `length` bytes, or NUL-terminated when -1) is one strict JSON value
 * nested at most `max_depth` deep; otherwise FALSE with GD_ERROR_INVALID saying what and where
 * ("the JSON text ends early at line 3, column 1"). */
gboolean gd_json_check_text (const char *text,
                             gssize      length,
                             guint       max_depth,
                             GError    **error);

G_END_DECLS
