/* gd-window-organisations.c: window actions of organisations (单位场所).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map and the Organisations view reach the editor and an organisation's page through
 * these actions; a saved new organisation opens its page, where it is inspected.
 */

#define G_LOG_DOMAIN "gd-window-organisations"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-organisation-editor.h"
#include "gd-window-organisations.h"
#include "gd-window-private.h"

static void
on_saved (GdOrganisationEditor *editor,
          const char           *doc_id,
          GdWindow             *self)
{
  gd_window_toast (self, _("Organisation registered"));
  gd_window_open_organisation (self, doc_id);
}

static void
open_editor (GdWindow   *self,
             const char *grid,
             gboolean    has_location,
             double      latitude,
             double      longitude)
{
  GdOrganisationEditor *editor;

  if (!gd_window_ready_for_child (self))
    return;
  editor = gd_organisation_editor_new (GTK_WINDOW (self), gd_window_get_session (self), NULL,
                                       grid, has_location, latitude, longitude);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved), self, 0);
  gd_window_track_child (self, GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_organisation_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *code = gd_window_get_selected_grid (GD_WINDOW (widget));

  /* a grid chosen in the navigator is the likely one; a village or town is not a grid */
  open_editor (GD_WINDOW (widget), code != NULL && strlen (code) == 15 ? code : NULL, FALSE, 0, 0);
}

static void
new_organisation_at_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  double latitude, longitude;
  const char *grid;

  g_variant_get (parameter, "(dd&s)", &latitude, &longitude, &grid);
  open_editor (GD_WINDOW (widget), *grid != '\0' ? grid : NULL, TRUE, latitude, longitude);
}

static void
open_organisation_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gd_window_open_organisation (GD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
gd_window_organisations_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-organisation", "s", open_organisation_cb);
  gtk_widget_class_install_action (widget_class, "win.new-organisation", NULL, new_organisation_cb);
  gtk_widget_class_install_action (widget_class, "win.new-organisation-at", "(dds)", new_organisation_at_cb);
}
