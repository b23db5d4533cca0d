/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-dispute-parts.h: the repeated parts of a case — parties, sessions, follow-up visits —
 * as numbered groups of rows with Add and Remove; parties can be filled from the register. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "gd-store.h"

G_BEGIN_DECLS

typedef enum {
  GD_DISPUTE_PARTS_PARTIES,
  GD_DISPUTE_PARTS_SESSIONS,
  GD_DISPUTE_PARTS_FOLLOW_UPS,
} GdDisputePartsKind;

#define GD_TYPE_DISPUTE_PARTS (gd_dispute_parts_get_type ())
G_DECLARE_FINAL_TYPE (GdDisputeParts, gd_dispute_parts, GD, DISPUTE_PARTS, GtkBox)

/* `store` (borrowed) is searched for parties; `changed` (user_data first) after each edit. */
GdDisputeParts *gd_dispute_parts_new   (GdDisputePartsKind kind,
                                        GdStore           *store,
                                        GCallback          changed,
                                        gpointer           user_data);
/* Parties loaded after this show their ID and phone masked and read-only until `actor`
 * reveals them: with `may_reveal` (gd_role_may_reveal()), after the reveal is written to the
 * audit log against `doc_id`; otherwise a lock says the role may not. */
void            gd_dispute_parts_set_reveal (GdDisputeParts *self,
                                             const char     *actor,
                                             gboolean        may_reveal,
                                             const char     *doc_id);
/* Shows copies of the array's objects (NULL: none). */
void            gd_dispute_parts_load  (GdDisputeParts *self, JsonArray *items);
/* Writes the parts as `member` of `doc` (removed when there are none); members the rows do
 * not show (ids …) are kept. */
void            gd_dispute_parts_store (GdDisputeParts *self, JsonObject *doc, const char *member);

/* "当事人1：姓名" for `member` of the part at `index`, or NULL when no row shows it. */
char           *gd_dispute_parts_describe (GdDisputeParts *self, guint index, const char *member);
/* The widget of that row, or NULL. */
GtkWidget      *gd_dispute_parts_get_field (GdDisputeParts *self, guint index, const char *member);

G_END_DECLS
