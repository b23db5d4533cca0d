/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-preferences-sync-page.h: Preferences → Sync: county server, account (password or JWT
 * in the secret store), village databases, schedule. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GD_TYPE_PREFERENCES_SYNC_PAGE (gd_preferences_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (GdPreferencesSyncPage, gd_preferences_sync_page, GD, PREFERENCES_SYNC_PAGE,
                      AdwPreferencesPage)

GtkWidget *gd_preferences_sync_page_new (GSettings *settings);

G_END_DECLS
