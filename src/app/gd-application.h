/* gd-application.h: the GridDesk application object.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GD_TYPE_APPLICATION (gd_application_get_type ())

G_DECLARE_FINAL_TYPE (GdApplication, gd_application, GD, APPLICATION, AdwApplication)

GdApplication *gd_application_new          (void);

/* The application's settings, or NULL when the schema is not installed
 * (an uninstalled run without GSETTINGS_SCHEMA_DIR). */
GSettings     *gd_application_get_settings (GdApplication *self);

G_END_DECLS
