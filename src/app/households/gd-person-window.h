/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-person-window.h: one resident: their household, tags, and (as those features land)
 * linked incidents and disputes. ID and phone masked; reveal needs the role, and is audited. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_PERSON_WINDOW (gd_person_window_get_type ())
G_DECLARE_FINAL_TYPE (GdPersonWindow, gd_person_window, GD, PERSON_WINDOW, AdwWindow)

/* The member `member_id` of household `doc_id`. It keeps the session's store; the
 * operator (required) decides what it may reveal. */
GdPersonWindow *gd_person_window_new (GtkWindow        *parent,
                                      GdSession        *session,
                                      const char       *doc_id,
                                      const char       *member_id);

/* Signal "open-household" (const char *doc_id): the operator asked to edit the household. */

G_END_DECLS
