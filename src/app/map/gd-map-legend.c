/* gd-map-legend.c: the map's legend: point symbols as drawn, and the grid colour scale.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-legend"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-map-legend.h"
#include "gd-map-style.h"

static void
legend_add (GtkBox       *box,
            GdkPaintable *paintable,
            double        size,
            const char   *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new_from_paintable (paintable);
  GtkWidget *label = gtk_label_new (text);

  /* the symbol at its size on the map, in a column wide enough for the largest */
  gtk_image_set_pixel_size (GTK_IMAGE (image), (int) size);
  gtk_widget_set_size_request (image, 22, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (row), image);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (box, row);
}

void
gd_map_legend_update (GtkBox       *box,
                      guint         kinds,
                      gboolean      closed,
                      gboolean      grids,
                      GdMapMeasure  measure,
                      guint         max)
{
  static const struct { GdMapKind kind; GdMapState state; } entries[] = {
    { GD_MAP_HOUSEHOLD, GD_MAP_STATE_NONE },
    { GD_MAP_INCIDENT, GD_MAP_STATE_NEW },
    { GD_MAP_INCIDENT, GD_MAP_STATE_ACTIVE },
    { GD_MAP_INCIDENT, GD_MAP_STATE_CHECKING },
    { GD_MAP_INCIDENT, GD_MAP_STATE_CLOSED },
    { GD_MAP_INCIDENT, GD_MAP_STATE_OVERDUE },
    { GD_MAP_DISPUTE, GD_MAP_STATE_ACTIVE },
  };
  static const char *const measure_names[] = {
    N_("Grid colour: households"), N_("Grid colour: open incidents"), N_("Grid colour: overdue incidents"),
  };
  GtkWidget *child, *title, *scale, *low, *high, *bar;
  g_autofree char *max_text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  title = gtk_label_new (_("Legend"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (box, title);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if ((kinds & GD_MAP_KIND_BIT (entries[i].kind))
        && (entries[i].state != GD_MAP_STATE_CLOSED || closed))
      legend_add (box, GDK_PAINTABLE (gd_map_sprite (entries[i].kind, entries[i].state)),
                  gd_map_sprite_size (entries[i].kind, entries[i].state),
                  gd_map_state_name (entries[i].kind, entries[i].state));
  if (kinds & GD_MAP_KIND_BIT (GD_MAP_ORGANISATION))
    {
      /* one row: the risk colours side by side (the symbol is the premises category, 餐 a
       * small restaurant), then the overdue frame */
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *swatches = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 1);
      GtkWidget *label = gtk_label_new (_("Organisation: risk not inspected, low … major"));
      g_autoptr(GString) names = g_string_new (NULL);

      for (GdMapRisk risk = GD_MAP_RISK_NONE; risk <= GD_MAP_RISK_MAJOR; risk++)
        {
          GtkWidget *image = gtk_image_new_from_paintable (GDK_PAINTABLE (
            gd_map_organisation_sprite (risk == GD_MAP_RISK_NONE ? NULL : "small_restaurant", risk, FALSE)));

          gtk_image_set_pixel_size (GTK_IMAGE (image), 14);
          gtk_box_append (GTK_BOX (swatches), image);
          if (names->len > 0)
            g_string_append (names, _(", "));
          g_string_append (names, gd_map_risk_name (risk));
        }
      gtk_widget_set_tooltip_text (row, names->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), swatches);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (box, row);
      legend_add (box, GDK_PAINTABLE (gd_map_organisation_sprite ("small_shop", GD_MAP_RISK_MEDIUM, TRUE)), 16,
                  gd_map_state_name (GD_MAP_ORGANISATION, GD_MAP_STATE_OVERDUE));
    }
  if (kinds != 0)
    legend_add (box, GDK_PAINTABLE (gd_map_bubble (GD_MAP_HOUSEHOLD, 26, FALSE)), 20,
                _("Several nearby (click to zoom in)"));
  if (kinds & GD_MAP_KIND_BIT (GD_MAP_INCIDENT))
    legend_add (box, GDK_PAINTABLE (gd_map_bubble (GD_MAP_INCIDENT, 26, TRUE)), 20,
                _("Red ring: some of them overdue"));

  if (!grids)
    return;
  /* the grid colour scale: pale for none, dark for the most */
  title = gtk_label_new (_(measure_names[measure]));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_margin_top (title, 4);
  gtk_box_append (box, title);
  scale = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  low = gtk_label_new ("0");
  max_text = g_strdup_printf ("%u", max);
  high = gtk_label_new (max_text);
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  for (int i = 0; i < 5; i++)
    {
      GtkWidget *swatch = gtk_drawing_area_new ();
      g_autofree char *name = g_strdup_printf ("swatch-%d-%d", measure, i);

      gtk_widget_set_size_request (swatch, 18, 10);
      gtk_widget_add_css_class (swatch, name);
      gtk_box_append (GTK_BOX (bar), swatch);
    }
  gtk_box_append (GTK_BOX (scale), low);
  gtk_box_append (GTK_BOX (scale), bar);
  gtk_box_append (GTK_BOX (scale), high);
  gtk_box_append (box, scale);
}

/* the swatches' colours, from the same function the grid layer fills with */
void
gd_map_legend_install_css (void)
{
  static gboolean done;
  g_autoptr(GString) css = g_string_new (NULL);
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  if (done)
    return;
  done = TRUE;
  for (int m = 0; m < 3; m++)
    for (int i = 0; i < 5; i++)
      {
        GdkRGBA color;
        g_autofree char *spec = NULL;

        gd_map_measure_color ((GdMapMeasure) m, i / 4.0, &color);
        color.alpha = 0.75;
        spec = gdk_rgba_to_string (&color);
        g_string_append_printf (css, ".swatch-%d-%d { background-color: %s; }\n", m, i, spec);
      }
  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

