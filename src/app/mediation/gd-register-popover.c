/* gd-register-popover.c: the register search of a party, from gd-register-popover.ui.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-register-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-mask.h"
#include "gd-register-popover.h"
#include "gd-search.h"

#define REGISTER_HITS 8

struct _GdRegisterPopover
{
  GtkPopover  parent_instance;

  GtkSearchEntry *entry;
  GtkListBox     *list;
  GdStore        *store;   /* borrowed */
};

G_DEFINE_FINAL_TYPE (GdRegisterPopover, gd_register_popover, GTK_TYPE_POPOVER)

enum { CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_hit_clicked (GtkButton         *button,
                GdRegisterPopover *self)
{
  g_signal_emit (self, signals[CHOSEN], 0,
                 g_object_get_data (G_OBJECT (button), "household"),
                 g_object_get_data (G_OBJECT (button), "member"));
  gtk_popover_popdown (GTK_POPOVER (self));
}

static GtkWidget *
hit_button (GdRegisterPopover *self,
            GdSearchHit       *hit)
{
  g_autofree char *masked = gd_mask_id_number (hit->id_number);
  /* the ID masked, as everywhere in lists */
  g_autofree char *text = g_strdup_printf ("%s  %s\n%s", hit->name, masked != NULL ? masked : "",
                                           hit->address != NULL ? hit->address : "");
  GtkWidget *button = gtk_button_new_with_label (text);

  gtk_widget_add_css_class (button, "flat");
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  g_object_set_data_full (G_OBJECT (button), "household", g_strdup (hit->doc_id), g_free);
  g_object_set_data_full (G_OBJECT (button), "member", g_strdup (hit->member_id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_hit_clicked), self);
  return button;
}

static void
on_search_changed (GdRegisterPopover *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) hits = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->store == NULL || g_utf8_strlen (query, -1) < 1)
    return;
  hits = gd_store_search (self->store, query, REGISTER_HITS, NULL);
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    if (((GdSearchHit *) hits->pdata[i])->kind == GD_HIT_PERSON)
      gtk_list_box_append (self->list, hit_button (self, hits->pdata[i]));
}

static void
gd_register_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GD_TYPE_REGISTER_POPOVER);
  G_OBJECT_CLASS (gd_register_popover_parent_class)->dispose (object);
}

static void
gd_register_popover_class_init (GdRegisterPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gd_register_popover_dispose;
  /* the household's id and the member's id of the person chosen */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-register-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, GdRegisterPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, GdRegisterPopover, list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
}

static void
gd_register_popover_init (GdRegisterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gd_register_popover_new (GdStore *store)
{
  GdRegisterPopover *self = g_object_new (GD_TYPE_REGISTER_POPOVER, NULL);

  self->store = store;
  return GTK_WIDGET (self);
}
