/* gd-date-row.c: see gd-date-row.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-date-row.h"
#include "gd-json.h"

static void
on_calendar_day_selected (GtkCalendar *calendar,
                          AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;
  GtkWidget *popover;

  if (g_object_get_data (G_OBJECT (calendar), "gd-syncing") != NULL)
    return;
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_calendar_popover_show (GtkPopover  *popover,
                          GtkCalendar *calendar)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (calendar), "gd-row");
  GDate date;
  g_autoptr(GDateTime) at = NULL;

  g_date_clear (&date, 1);
  if (!gd_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &date))
    return;
  at = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  if (at == NULL)
    return;
  g_object_set_data (G_OBJECT (calendar), "gd-syncing", GINT_TO_POINTER (1));
  gtk_calendar_select_day (calendar, at);
  g_object_set_data (G_OBJECT (calendar), "gd-syncing", NULL);
}

void
gd_date_row_add_calendar (AdwEntryRow *row)
{
  GtkWidget *button, *popover, *calendar;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  calendar = gtk_calendar_new ();
  g_object_set_data (G_OBJECT (calendar), "gd-row", row);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected), row);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect (popover, "show", G_CALLBACK (on_calendar_popover_show), calendar);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a date"), -1);
  adw_entry_row_add_suffix (row, button);
}
