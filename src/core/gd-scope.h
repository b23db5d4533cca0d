/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-scope.h: who the store works for, and what they may see (最小必要).
 *
 * Until someone is set the store behaves as before accounts: the caller's actor is written
 * and every query sees the store's whole scope. Once set:
 *  - the operator's name, not the caller's `actor`, goes into updated_by and the audit log;
 *  - lists, counts, get, search and put keep to the data scope: centre operators and
 *    administrators (and the local owner of the file) see everything; a grid worker sees and
 *    edits the records of the grids they serve and the incidents assigned to them; a mediator
 *    sees their cases and, of the register, only the households of those cases' parties.
 *    Grid and mediator documents (the map of the village, the roster) stay readable. */
#pragma once

#include "gd-accounts.h"

G_BEGIN_DECLS

/* The signed-in account (the store keeps a reference); NULL: nobody. */
void        gd_store_set_account     (GdStore *store, GdAccount *account);
/* A local system user without an account (griddesk-ctl without --as), recorded under `name`,
 * seeing everything when `whole_scope` (the file is theirs), nothing otherwise. */
void        gd_store_set_local_user  (GdStore *store, const char *name, gboolean whole_scope);
GdAccount  *gd_store_get_account     (GdStore *store);
/* The name written for what this store does, or NULL when nobody is set. */
const char *gd_store_get_operator    (GdStore *store);
/* Whether queries see the store's whole scope. */
gboolean    gd_store_scope_is_whole  (GdStore *store);
/* Whether the operator may see (and a grid worker edit) this stored document. */
gboolean    gd_store_in_scope        (GdStore *store, const char *doc_id);

G_END_DECLS
