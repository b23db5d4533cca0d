/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-member-editor.h: the form of one household member (a person), inside the household
 * editor. The form helpers editors share are in common/ (gd-field-message.h, gd-date-row.h,
 * gd-form.h). */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "gd-date-row.h"
#include "gd-field-message.h"
#include "gd-form.h"

G_BEGIN_DECLS

#define GD_TYPE_MEMBER_EDITOR (gd_member_editor_get_type ())
G_DECLARE_FINAL_TYPE (GdMemberEditor, gd_member_editor, GD, MEMBER_EDITOR, AdwBin)

GtkWidget  *gd_member_editor_new           (void);

/* Shows `member` (a reference is kept) and writes every edit into it at once; NULL shows
 * nothing. `id_revealed`/`phone_revealed`: whether those numbers are shown in full and
 * editable; otherwise they are masked and read-only until the operator reveals them. */
void        gd_member_editor_set_member    (GdMemberEditor *self,
                                            JsonObject     *member,
                                            gboolean        id_revealed,
                                            gboolean        phone_revealed);
JsonObject *gd_member_editor_get_member    (GdMemberEditor *self);

/* Whether the operator's role may reveal numbers; when not, `reason` is the tooltip of the
 * lock shown instead of the reveal button. */
void        gd_member_editor_set_reveal_allowed (GdMemberEditor *self,
                                                 gboolean        allowed,
                                                 const char     *reason);
/* `field` is "id_number" or "phone". */
void        gd_member_editor_set_revealed  (GdMemberEditor *self,
                                            const char     *field,
                                            gboolean        revealed);

/* Messages next to fields (JSON member names of a person: "name", "id_number", "tags" …). */
void        gd_member_editor_clear_messages (GdMemberEditor *self);
/* FALSE when the member editor has no such field (the caller shows it elsewhere). */
gboolean    gd_member_editor_set_message   (GdMemberEditor    *self,
                                            const char        *field,
                                            GdFieldMessageKind kind,
                                            const char        *text);
void        gd_member_editor_set_message_link (GdMemberEditor *self,
                                               const char     *field,
                                               const char     *label,
                                               const char     *doc_id);

/* Moves the keyboard focus to the field (e.g. the name of a new member). */
void        gd_member_editor_focus_field   (GdMemberEditor *self,
                                            const char     *field);

/* Signals:
 *   "changed"          (const char *field)  the operator edited `field` (already written)
 *   "reveal-requested" (const char *field)  the operator asked to see "id_number" or "phone"
 *   "open-household"   (const char *doc_id) a message's link was followed
 */

G_END_DECLS
