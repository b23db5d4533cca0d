/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import-assistant"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-import-fields.h"
#include "gd-import-preview.h"

#define CELL_CHARS 20

/* The column a problem names: its header text, else the column of the field it names. */
static int
column_of_problem (GdImportMapping       *mapping,
                   const GdImportProblem *problem)
{
  guint n = gd_import_mapping_get_n_columns (mapping);

  for (guint c = 0; c < n; c++)
    if (g_strcmp0 (gd_import_mapping_header (mapping, c), problem->column) == 0)
      return (int) c;
  return gd_import_mapping_column (mapping, problem->column);
}

static GtkWidget *
cell_new (const char *text,
          gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* short values whole; a long one (an address) cut to a column's width, whole in its tooltip */
  if (g_utf8_strlen (text, -1) > CELL_CHARS)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), CELL_CHARS / 2);
      gtk_label_set_max_width_chars (GTK_LABEL (label), CELL_CHARS);
      gtk_widget_set_tooltip_text (label, text);
    }
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* Marks `cell` with `messages` (one per line): red, a tooltip, an accessible description. */
static void
mark (GtkWidget  *cell,
      const char *messages)
{
  gtk_widget_add_css_class (cell, "error");
  gtk_widget_set_tooltip_text (cell, messages);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, messages,
                                  -1);
}

void
gd_import_preview_fill (GtkGrid         *grid,
                        GdTable         *table,
                        GdImportMapping *mapping,
                        GdImportReport  *report)
{
  /* "row:column" -> messages */
  g_autoptr(GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) refused = g_hash_table_new (NULL, NULL);
  guint columns = gd_import_mapping_get_n_columns (mapping);
  guint first = gd_import_mapping_header_index (mapping) + 1;
  guint last = MIN (gd_table_get_n_rows (table), first + GD_IMPORT_PREVIEW_ROWS);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  for (guint i = 0; report != NULL && i < report->problems->len; i++)
    {
      const GdImportProblem *problem = g_ptr_array_index (report->problems, i);
      int column = column_of_problem (mapping, problem);
      g_autofree char *key = g_strdup_printf ("%u:%d", problem->row, column);
      const char *before = g_hash_table_lookup (problems, key);

      g_hash_table_add (refused, GUINT_TO_POINTER (problem->row));
      g_hash_table_insert (problems, g_steal_pointer (&key),
                           before != NULL ? g_strdup_printf ("%s\n%s", before, problem->message)
                                          : g_strdup (problem->message));
    }

  /* the header: the row number, then each column's header over its field */
  gtk_grid_attach (grid, cell_new (_("Row"), TRUE), 0, 0, 1, 1);
  for (guint c = 0; c < columns; c++)
    {
      const char *field = gd_import_mapping_field (mapping, c);
      GtkWidget *header = cell_new (gd_import_mapping_header (mapping, c), FALSE);
      GtkWidget *target = cell_new (field != NULL ? gd_import_field_label (gd_import_mapping_get_kind (mapping), field)
                                                  : _("Ignored"), TRUE);

      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (target, "caption");
      gtk_grid_attach (grid, header, c + 1, 0, 1, 1);
      gtk_grid_attach (grid, target, c + 1, 1, 1, 1);
    }
  gtk_grid_attach (grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 2, columns + 1, 1);

  for (guint r = first; r < last; r++)
    {
      const GdTableRow *row = gd_table_get_row (table, r);
      g_autofree char *number = g_strdup_printf ("%u", row->number);
      GtkWidget *number_cell = cell_new (number, TRUE);
      int line = (int) (r - first) + 3;

      if (g_hash_table_contains (refused, GUINT_TO_POINTER (row->number)))
        {
          /* Translators: the row of the spreadsheet that will not be imported */
          g_autofree char *text = g_strdup_printf (_("Row %u is refused"), row->number);

          gtk_widget_remove_css_class (number_cell, "dim-label");
          mark (number_cell, text);
        }
      gtk_grid_attach (grid, number_cell, 0, line, 1, 1);
      for (guint c = 0; c < columns; c++)
        {
          g_autofree char *key = g_strdup_printf ("%u:%u", row->number, c);
          const char *messages = g_hash_table_lookup (problems, key);
          GtkWidget *cell = cell_new (gd_table_row_get (row, c), gd_import_mapping_field (mapping, c) == NULL);

          if (messages != NULL)
            mark (cell, messages);
          gtk_grid_attach (grid, cell, c + 1, line, 1, 1);
        }
    }
}
