/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-field-message.h: a message under a form row (hint, warning, error), with an optional link. */
#pragma once

#include <adwaita.h>

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
/* The widget that is marked (and gets the focus for the message). */
GtkWidget      *gd_field_message_get_input (GdFieldMessage    *message);
/* The message's label, for tests and accessibility. */
GtkLabel       *gd_field_message_get_label (GdFieldMessage    *message);

G_END_DECLS
