/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-household-editor.h: create or edit one household and its members (a modal window). */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_HOUSEHOLD_EDITOR (gd_household_editor_get_type ())
G_DECLARE_FINAL_TYPE (GdHouseholdEditor, gd_household_editor, GD, HOUSEHOLD_EDITOR, AdwWindow)

/* `doc_id` NULL: a new household, filed under `grid` (a grid code, or NULL to choose).
 * It keeps the session's store and writes as its operator (both
 * required). */
GdHouseholdEditor *gd_household_editor_new (GtkWindow        *parent,
                                            GdSession        *session,
                                            const char       *doc_id,
                                            const char       *grid);

/* Signals:
 *   "saved"          (const char *doc_id)       after a successful save
 *   "deleted"        (const char *doc_id, const char *json)  after a confirmed delete; `json`
 *                    is the document as it was, so the window can offer Undo (put it back)
 *   "open-household" (const char *doc_id)       the operator followed a link to another
 *                    household (e.g. the one already holding an entered citizen ID)
 */

G_END_DECLS
