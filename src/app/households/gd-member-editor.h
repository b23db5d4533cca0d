/* gd-member-editor.h: the form of one household member (a person), inside the household
 * editor; and the small form helpers both editors share (a message under a row, a date
 * entry with a calendar, a reveal button for personal numbers). */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  GD_FIELD_MESSAGE_NONE,
  GD_FIELD_MESSAGE_HINT,    /* dim, e.g. "Required" on a field not touched yet */
  GD_FIELD_MESSAGE_WARNING, /* shown, saving allowed */
  GD_FIELD_MESSAGE_ERROR,   /* saving refused */
} GdFieldMessageKind;

/* A slim row right under a form row (both in the same boxed list) that shows the field's
 * message, with an optional link button. Created after the row is in its list; freed with
 * the row. `input` is the widget that gets the .error/.warning style and the accessible
 * invalid state (the row itself for entry rows). */
typedef struct _GdFieldMessage GdFieldMessage;
typedef void (*GdFieldLinkFunc) (const char *target, gpointer user_data);

GdFieldMessage *gd_field_message_new      (GtkWidget          *row,
                                           GtkWidget          *input);
void            gd_field_message_set      (GdFieldMessage     *message,
                                           GdFieldMessageKind  kind,
                                           const char         *text);
/* A link button after the text (e.g. "Open household"); `target` is handed to `func`.
 * Cleared by the next gd_field_message_set(). */
void            gd_field_message_set_link (GdFieldMessage     *message,
                                           const char         *label,
                                           const char         *target,
                                           GdFieldLinkFunc     func,
                                           gpointer            user_data);
GdFieldMessageKind gd_field_message_get_kind (GdFieldMessage  *message);
/* The message's label, for tests and accessibility. */
GtkLabel       *gd_field_message_get_label (GdFieldMessage    *message);

/* Adds a calendar button to a date entry row (text YYYY-MM-DD). */
void            gd_date_row_add_calendar  (AdwEntryRow        *row);

/* The text of an entry row with white space (also U+3000) trimmed; NULL when blank. */
char           *gd_entry_row_dup_text     (AdwEntryRow        *row);

/* A stable accessible name: `label`, without the labelled-by relation rows add (whose
 * title changes with hints and would be read twice). NULL keeps the current label. */
void            gd_accessible_set_label   (GtkWidget          *widget,
                                           const char         *label);

/* Styles of the editors (banner, pills), installed once for the display. */
void            gd_editor_install_css     (void);

/* Sets `member` of `object` to the trimmed `text`, or removes it when blank. */
void            gd_json_set_text          (JsonObject         *object,
                                           const char         *member,
                                           const char         *text);

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
