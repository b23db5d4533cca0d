/* gd-households-view.h: the household register as a paged, searchable, filterable list. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_HOUSEHOLDS_VIEW (gd_households_view_get_type ())
G_DECLARE_FINAL_TYPE (GdHouseholdsView, gd_households_view, GD, HOUSEHOLDS_VIEW, AdwBin)

GtkWidget *gd_households_view_new          (void);
/* The store to read (borrowed: it must outlive the view or be unset with NULL first). */
void       gd_households_view_set_store    (GdHouseholdsView *self, GdStore *store);
/* Once: follows the session's store and reloads on its document-changed. */
void       gd_households_view_set_session  (GdHouseholdsView *self, GdSession *session);
/* Limit to a town, village or grid code (the sidebar's choice); NULL: everything. */
void       gd_households_view_set_grid     (GdHouseholdsView *self, const char *code);
void       gd_households_view_focus_search (GdHouseholdsView *self);
/* Re-read after a save or delete elsewhere, keeping the scroll position where possible. */
void       gd_households_view_reload       (GdHouseholdsView *self);
/* The list shows rows (on screen if the view is). */
gboolean   gd_households_view_has_rows     (GdHouseholdsView *self);

/* Signal "household-activated" (const char *doc_id): a row was activated (Enter, double
 * click); the window opens the editor. */

G_END_DECLS
