/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-validate.h: the rules every document must meet before the store takes it. */
#pragma once

#include <json-glib/json-glib.h>

#include "gd-division.h"
#include "gd-issues.h"

G_BEGIN_DECLS

typedef struct {
  /* the village (12) or town (9) code the store holds; documents must lie inside it */
  const char *scope;
  /* "today" for birth dates and future checks; NULL: the current local date */
  GDate *today;
  /* TRUE and *level when a grid document with this code exists (or is in the same batch) */
  gboolean (*lookup_grid) (const char *code, GdLevel *level, gpointer user_data);
  /* the _id of another household (not except_id) with a member holding this citizen ID,
   * newly allocated, or NULL */
  char *(*find_id_holder) (const char *id_number, const char *except_id, gpointer user_data);
  /* the _id of another organisation (not except_id) with this credit code, newly allocated,
   * or NULL */
  char *(*find_credit_code_holder) (const char *credit_code, const char *except_id,
                                    gpointer user_data);
  gpointer user_data;
} GdValidateContext;

/* Checks the envelope and the type's fields; adds errors and warnings to `issues`.
 * `doc` must already carry its envelope (`_id`, `type`, timestamps) as the store fills it. */
void gd_validate_document (JsonObject              *doc,
                           const GdValidateContext *ctx,
                           GdIssues                *issues);

G_END_DECLS
