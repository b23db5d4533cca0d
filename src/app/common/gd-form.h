/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-form.h: small helpers of form rows: trimmed text, the JSON member it
 * sets, a stable accessible name. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The text of an entry row with white space (also U+3000) trimmed; NULL when blank. */
char           *gd_entry_row_dup_text     (AdwEntryRow        *row);

/* A stable accessible name: `label`, without the labelled-by relation rows add (whose
 * title changes with hints and would be read twice). NULL keeps the current label. */
void            gd_accessible_set_label   (GtkWidget          *widget,
                                           const char         *label);

/* Sets `member` of `object` to the trimmed `text`, or removes it when blank. */
void            gd_json_set_text          (JsonObject         *object,
                                           const char         *member,
                                           const char         *text);

G_END_DECLS
