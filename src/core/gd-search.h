/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-search.h: finding persons and households: name (substring), pinyin initials and full
 * pinyin, citizen ID (full or trailing digits), phone (full or trailing digits), address;
 * and organisations: name, pinyin, credit code, representative and safety contact (name,
 * phone), address. */
#pragma once

#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_HIT_PERSON,
  GD_HIT_HOUSEHOLD,
  GD_HIT_ORGANISATION,
} GdHitKind;

typedef struct {
  GdHitKind kind;
  char *doc_id;           /* the household (or organisation) document */
  char *member_id;        /* persons: the member's `id`; households: NULL */
  char *name;             /* person name, the head's name for a household hit, an
                           * organisation's name */
  char *household_number;
  char *address;
  char *grid;
  char *id_number;        /* unmasked: mask before showing */
  char *phone;            /* organisations: the representative's */
  char *credit_code;      /* organisations: the unified social credit code, or NULL */
  char *matched;          /* which key matched: name, pinyin, id_number, phone, address, number,
                           * credit_code */
} GdSearchHit;

void       gd_search_hit_free (GdSearchHit *hit);
/* Hits for `query`, persons first, at most `limit` (0: 50). Organisations come in document
 * order with the households of the key they matched. */
GPtrArray *gd_store_search    (GdStore    *store,
                               const char *query,
                               guint       limit,
                               GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdSearchHit, gd_search_hit_free)

G_END_DECLS
