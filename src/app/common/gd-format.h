/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-format.h: how the app shows dates and codes (Chinese formats under zh_CN). */
#pragma once

#include <adwaita.h>

#include "gd-display.h"

G_BEGIN_DECLS

/* A drop-down of a code table's items by display name; with `allow_none` a first entry
 * "—" stands for no value. The chosen code is read and set with the functions below. */
GtkDropDown *gd_code_dropdown_new   (const char *list, gboolean allow_none);
/* Only the items whose parent is `parent` (NULL: top-level) — e.g. sub-categories. */
GtkDropDown *gd_code_dropdown_new_children (const char *list, const char *parent, gboolean allow_none);
const char  *gd_code_dropdown_get_code (GtkDropDown *dropdown);
/* FALSE (and no change) when `code` is not in the drop-down. NULL selects "—". */
gboolean     gd_code_dropdown_set_code (GtkDropDown *dropdown, const char *code);

/* Makes a choice selected in the drop-down's open list count, as a click would: GTK 4.8
 * gives screen readers (and AT-SPI tests) no other way to choose. Code drop-downs do this
 * already; call it for any other drop-down. */
void         gd_dropdown_follow_popup_selection (GtkDropDown *dropdown);

/* A filter drop-down of code table `list` whose "—" entry reads `any` ("All Care Tags"),
 * with accessible name `label` (on its inner button too) and `tooltip`. */
GtkDropDown *gd_code_filter_dropdown_new (const char *list, const char *any,
                                          const char *label, const char *tooltip);

/* "Discard Changes?" over `parent` with `body`, responses "keep" (default) and "discard";
 * the caller connects "response" and presents it. */
AdwMessageDialog *gd_discard_dialog_new (GtkWindow *parent, const char *body);

G_END_DECLS
