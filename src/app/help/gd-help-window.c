/* gd-help-window.c: see gd-help-window.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-help-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-help-window.h"
#include "gd-fit-window.h"

/* The guide's pages in the order of its sidebar; each view opens its own. */
static const char *const pages[] = {
  "index", "households", "organisations", "incidents", "map", "mediation", "keys",
};

struct _GdHelpWindow
{
  AdwWindow  parent_instance;
  GtkStack  *stack;
};

G_DEFINE_FINAL_TYPE (GdHelpWindow, gd_help_window, ADW_TYPE_WINDOW)

static GtkWidget *
block_label (const char *kind,
             const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *bullet = NULL;

  if (g_str_equal (kind, "li"))
    markup = bullet = g_strconcat ("•  ", markup, NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* not selectable: the first would take the focus with its text selected */
  if (g_str_equal (kind, "h1"))
    gtk_widget_add_css_class (label, "title-1");
  else if (g_str_equal (kind, "h2"))
    {
      gtk_widget_add_css_class (label, "title-4");
      gtk_widget_set_margin_top (label, 12);
    }
  else if (g_str_equal (kind, "li"))
    gtk_widget_set_margin_start (label, 12);
  return label;
}

static void
add_page (GdHelpWindow *self,
          const char   *name)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/help/%s.html", name);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *scrolled, *clamp, *box;
  gsize size;
  const char *text;

  if (bytes == NULL)
    {
      g_warning ("The user guide has no page %s", path);
      return;
    }
  text = g_bytes_get_data (bytes, &size);
  if (!gd_help_page_parse (text, (gssize) size, &blocks, &title, &error))
    {
      g_warning ("The user guide page %s cannot be read: %s", path, error->message);
      return;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  for (guint i = 0; i + 1 < blocks->len; i += 2)
    gtk_box_append (GTK_BOX (box), block_label (blocks->pdata[i], blocks->pdata[i + 1]));
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_stack_add_titled (self->stack, scrolled, name, title != NULL ? title : name);
}

static void
gd_help_window_class_init (GdHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gd_help_window_init (GdHelpWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *sidebar = gtk_stack_sidebar_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("User Guide"));
  gtk_window_set_default_size (GTK_WINDOW (self), 860, 600);
  self->stack = GTK_STACK (gtk_stack_new ());
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    add_page (self, pages[i]);
  gtk_stack_sidebar_set_stack (GTK_STACK_SIDEBAR (sidebar), self->stack);
  gtk_widget_set_size_request (sidebar, 160, -1);
  gtk_box_append (GTK_BOX (body), sidebar);
  gtk_box_append (GTK_BOX (body), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->stack));
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), body);
  adw_window_set_content (ADW_WINDOW (self), content);
}

static void
on_guide_destroy (GtkWidget *guide,
                  GtkWindow *parent)
{
  g_object_set_data (G_OBJECT (parent), "gd-help-window", NULL);
}

GdHelpWindow *
gd_help_window_show (GtkWindow  *parent,
                     const char *view)
{
  GdHelpWindow *self = parent != NULL ? g_object_get_data (G_OBJECT (parent), "gd-help-window") : NULL;

  if (self == NULL)
    {
      self = g_object_new (GD_TYPE_HELP_WINDOW, "transient-for", parent, NULL);
      gd_fit_window_to_screen (GTK_WINDOW (self), parent, 860, 600);
      if (parent != NULL)
        {
          /* one guide per window: forgotten when it closes */
          g_object_set_data (G_OBJECT (parent), "gd-help-window", self);
          g_signal_connect_object (self, "destroy", G_CALLBACK (on_guide_destroy), parent, 0);
        }
    }
  if (view != NULL && gtk_stack_get_child_by_name (self->stack, view) != NULL)
    gtk_stack_set_visible_child_name (self->stack, view);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
