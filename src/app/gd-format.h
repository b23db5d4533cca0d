/* gd-format.h: how the app shows dates and codes (Chinese formats under zh_CN). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "2026-11-23" or an RFC 3339 timestamp -> "2026年11月23日" (translated format); NULL in,
 * NULL out; unparsable text is returned as it is. */
char       *gd_format_date          (const char *date_or_timestamp);
/* An RFC 3339 timestamp in local time with minutes: "2026年11月23日 14:05". */
char       *gd_format_date_time     (const char *timestamp);
/* The name of `code` in table `list` for the interface language (name_zh under Chinese,
 * name_en otherwise); the code itself when unknown; NULL for NULL. Static data. */
const char *gd_code_display_name    (const char *list, const char *code);

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

/* "Discard Changes?" over `parent` with `body`, responses "keep" (default) and "discard";
 * the caller connects "response" and presents it. */
AdwMessageDialog *gd_discard_dialog_new (GtkWindow *parent, const char *body);

G_END_DECLS
