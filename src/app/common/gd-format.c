/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-format"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-format.h"

/* The codes behind a drop-down's rows, row for row ("" for "—"). */
#define CODES_KEY "gd-codes"

static GtkListView *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return GTK_LIST_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_list_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_popup_selection_changed (GtkSelectionModel *popup,
                            guint              position,
                            guint              n_items,
                            GtkDropDown       *dropdown)
{
  gpointer item;
  GListModel *model;

  if (!GTK_IS_SINGLE_SELECTION (popup)
      || (item = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (popup))) == NULL)
    return;
  model = gtk_drop_down_get_model (dropdown);
  /* the popup may list a search-filtered subset: find the same item in the full model */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (model, i);
      if (candidate == item)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
}

/* GTK 4.8's drop-down takes a choice only from a click or Enter in its popup, and exposes no
 * AT-SPI action: a screen reader (or an AT-SPI test) that selects a row of the open list
 * changes nothing. Following the popup list's selection makes that choice count. */
void
gd_dropdown_follow_popup_selection (GtkDropDown *dropdown)
{
  GtkListView *list = find_list_view (GTK_WIDGET (dropdown));
  GtkSelectionModel *popup = list ? gtk_list_view_get_model (list) : NULL;

  if (popup != NULL)
    g_signal_connect_object (popup, "selection-changed",
                             G_CALLBACK (on_popup_selection_changed), dropdown, 0);
}

static GtkDropDown *
dropdown_from_items (GPtrArray *items,
                     gboolean   allow_none)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new ();
  GtkDropDown *dropdown;

  if (allow_none)
    {
      gtk_string_list_append (names, "—");
      g_ptr_array_add (codes, (gpointer) "");
    }
  for (guint i = 0; i < items->len; i++)
    {
      const GdCodeItem *item = items->pdata[i];
      gtk_string_list_append (names, gd_code_item_display_name (item));
      g_ptr_array_add (codes, (gpointer) item->code);
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  /* code tables live for the process: the strings need no copies */
  g_object_set_data_full (G_OBJECT (dropdown), CODES_KEY, codes, (GDestroyNotify) g_ptr_array_unref);
  gtk_drop_down_set_enable_search (dropdown, items->len > 12);
  gd_dropdown_follow_popup_selection (dropdown);
  return dropdown;
}

GtkDropDown *
gd_code_dropdown_new (const char *list,
                      gboolean    allow_none)
{
  GdCodeTable *table = gd_codes_get (list);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_return_val_if_fail (table != NULL, NULL);
  for (guint i = 0; i < gd_code_table_get_n_items (table); i++)
    g_ptr_array_add (items, (gpointer) gd_code_table_get_item (table, i));
  return dropdown_from_items (items, allow_none);
}

GtkDropDown *
gd_code_dropdown_new_children (const char *list,
                               const char *parent,
                               gboolean    allow_none)
{
  GdCodeTable *table = gd_codes_get (list);
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  items = gd_code_table_children (table, parent);
  return dropdown_from_items (items, allow_none);
}

const char *
gd_code_dropdown_get_code (GtkDropDown *dropdown)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (dropdown), CODES_KEY);
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *code;

  g_return_val_if_fail (codes != NULL, NULL);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= codes->len)
    return NULL;
  code = codes->pdata[selected];
  return *code != '\0' ? code : NULL;
}

gboolean
gd_code_dropdown_set_code (GtkDropDown *dropdown,
                           const char  *code)
{
  GPtrArray *codes = g_object_get_data (G_OBJECT (dropdown), CODES_KEY);

  g_return_val_if_fail (codes != NULL, FALSE);
  for (guint i = 0; i < codes->len; i++)
    if (g_strcmp0 (codes->pdata[i], code ? code : "") == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return TRUE;
      }
  return FALSE;
}

AdwMessageDialog *
gd_discard_dialog_new (GtkWindow  *parent,
                       const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Discard Changes?"), body));

  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  return dialog;
}

GtkDropDown *
gd_code_filter_dropdown_new (const char *list,
                             const char *any,
                             const char *label,
                             const char *tooltip)
{
  GtkDropDown *dropdown = gd_code_dropdown_new (list, TRUE);
  GListModel *names = gtk_drop_down_get_model (dropdown);
  const char *const replacement[] = { any, NULL };

  if (GTK_IS_STRING_LIST (names))
    gtk_string_list_splice (GTK_STRING_LIST (names), 0, 1, replacement);
  gtk_drop_down_set_selected (dropdown, 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* in 4.8 the focus goes to the drop-down's inner button, which is otherwise announced
   * by its type name */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
  return dropdown;
}
