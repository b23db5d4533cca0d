/* gd-import-assistant.c: the import assistant (see gd-import-assistant.h).
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-import-assistant"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-error.h"
#include "gd-format.h"
#include "gd-import-assistant.h"
#include "gd-import-errors.h"
#include "gd-import-fields.h"
#include "gd-import-job.h"
#include "gd-import-preview.h"

#define MAX_PROBLEMS_LISTED 200
#define SAMPLE_VALUES 3

struct _GdImportAssistant
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *back_button;
  GtkButton      *close_button;
  GtkButton      *next_button;
  AdwToastOverlay *toasts;
  GtkStack       *stack;
  GtkWidget      *drop_box;
  AdwActionRow   *file_row;
  GtkButton      *choose_button;
  AdwActionRow   *sheet_row;
  GtkDropDown    *sheet_dropdown;
  GtkDropDown    *kind_dropdown;
  AdwPreferencesGroup *mapping_group;
  GtkSpinner     *dry_spinner;
  GtkLabel       *counts_label;
  GtkButton      *save_errors_button;
  GtkGrid        *preview_grid;
  GtkWidget      *problems_scroller;
  GtkListBox     *problems_list;
  AdwStatusPage  *progress_page;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_button;
  AdwStatusPage  *summary_page;
  GtkButton      *undo_button;

  GdSession       *session;
  char            *path;
  char            *sheet;
  char           **sheets;
  GdTable         *table;
  GdImportMapping *mapping;
  GdImportReport  *report;      /* the last dry run's, or the import's */
  GPtrArray       *mapping_rows;  /* GtkWidget: the mapping page's rows */
  GPtrArray       *dropdowns;   /* GtkDropDown per column */
  GCancellable    *cancellable;
  GdImportJob     *running;     /* the import job, for its progress */
  guint            progress_source;
  gint64           batch;
  gboolean         busy;        /* a job runs: no navigation */
  gboolean         refreshing;  /* the drop-downs are being set from the mapping */
  gboolean         undone;
  gboolean         close_when_done; /* closed while importing: goes once rolled back */
};

G_DEFINE_FINAL_TYPE (GdImportAssistant, gd_import_assistant, ADW_TYPE_WINDOW)

static const GdImportType kinds[] = { GD_IMPORT_HOUSEHOLD, GD_IMPORT_INCIDENT, GD_IMPORT_ORGANISATION };

static GdImportType
current_kind (GdImportAssistant *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  return kinds[selected < G_N_ELEMENTS (kinds) ? selected : 0];
}

static void
toast (GdImportAssistant *self,
       const char        *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toasts, t);
}

/* The step's title and which buttons it offers. */
static void
update_buttons (GdImportAssistant *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean file = g_strcmp0 (page, "file") == 0;
  gboolean mapping = g_strcmp0 (page, "mapping") == 0;
  gboolean preview = g_strcmp0 (page, "preview") == 0;
  gboolean summary = g_strcmp0 (page, "summary") == 0;
  gboolean ready = !self->busy && self->report != NULL && self->report->problems->len == 0
                   && self->report->batch == 0;
  const char *subtitle = file ? _("Step 1 of 4: the file")
                         : mapping ? _("Step 2 of 4: the columns")
                         : preview ? _("Step 3 of 4: preview and dry run")
                         : _("Step 4 of 4: import");

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), mapping || preview);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), file);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), file || mapping || preview || summary);
  gtk_button_set_label (self->next_button, preview ? _("_Import") : summary ? _("_Done") : _("_Next"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            !self->busy && ((file && self->table != NULL) || mapping
                                            || (preview && ready) || summary));
  gtk_widget_set_sensitive (self->drop_box, !self->busy);
}

static void
on_page_changed (GdImportAssistant *self)
{
  update_buttons (self);
}

static void
set_busy (GdImportAssistant *self,
          gboolean           busy)
{
  self->busy = busy;
  update_buttons (self);
}

/* A new file, sheet or kind: the mapping and the dry run start over. */
static void
forget_mapping (GdImportAssistant *self)
{
  g_clear_pointer (&self->report, gd_import_report_free);
  g_clear_pointer (&self->mapping, gd_import_mapping_free);
}

static const char *
database_path (GdImportAssistant *self)
{
  GdStore *store = gd_session_get_store (self->session);

  return store != NULL ? gd_store_get_path (store) : NULL;
}

/* ---- 1. the file ---- */

static void
fill_sheets (GdImportAssistant *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) self->sheets);
  guint selected = 0;

  for (guint i = 0; self->sheets != NULL && self->sheets[i] != NULL; i++)
    if (g_strcmp0 (self->sheets[i], self->sheet) == 0)
      selected = i;
  self->refreshing = TRUE;
  gtk_drop_down_set_model (self->sheet_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->sheet_dropdown, selected);
  self->refreshing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), self->sheets != NULL);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GdImportAssistant *self = GD_IMPORT_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdImportJob) job = gd_import_job_finish (result, NULL, &error);
  g_autofree char *base = NULL;

  set_busy (self, FALSE);
  if (job == NULL)
    {
      adw_action_row_set_subtitle (self->file_row, error->message);
      toast (self, error->message);
      return;
    }
  forget_mapping (self);
  g_clear_pointer (&self->table, gd_table_free);
  self->table = g_steal_pointer (&job->table);
  g_strfreev (self->sheets);
  self->sheets = g_steal_pointer (&job->sheets);
  if (self->sheet == NULL && self->sheets != NULL)
    self->sheet = g_strdup (self->sheets[0]);
  fill_sheets (self);
  base = g_path_get_basename (self->path);
  {
    /* Translators: a file's name, then how many rows it has */
    g_autofree char *subtitle = g_strdup_printf (g_dngettext (NULL, "%s · %u row", "%s · %u rows",
                                                              gd_table_get_n_rows (self->table)),
                                                 base, gd_table_get_n_rows (self->table));
    adw_action_row_set_subtitle (self->file_row, subtitle);
  }
  update_buttons (self);
}

static void
read_file (GdImportAssistant *self)
{
  GdImportJob *job = gd_import_job_new (GD_IMPORT_JOB_READ, NULL, NULL);

  job->path = g_strdup (self->path);
  job->sheet = g_strdup (self->sheet);
  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->file_row, _("Reading…"));
  gd_import_job_run (job, self, NULL, read_done_cb, NULL);
}

void
gd_import_assistant_open_file (GdImportAssistant *self,
                               const char        *path)
{
  g_return_if_fail (GD_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (path != NULL);

  if (self->busy)
    return;
  g_free (self->path);
  self->path = g_canonicalize_filename (path, NULL);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->table, gd_table_free);
  forget_mapping (self);
  gtk_stack_set_visible_child_name (self->stack, "file");
  read_file (self);
}

static void
on_sheet_selected (GdImportAssistant *self)
{
  guint selected = gtk_drop_down_get_selected (self->sheet_dropdown);

  if (self->refreshing || self->sheets == NULL || selected >= g_strv_length (self->sheets)
      || g_strcmp0 (self->sheets[selected], self->sheet) == 0)
    return;
  g_free (self->sheet);
  self->sheet = g_strdup (self->sheets[selected]);
  read_file (self);
}

static void
on_kind_selected (GdImportAssistant *self)
{
  forget_mapping (self);
  update_buttons (self);
}

/* A file chooser over the assistant that hands the chosen path to `chosen`. */
typedef void (*ChosenFunc) (GdImportAssistant *self, const char *path);

static void
chooser_response_cb (GtkNativeDialog   *dialog,
                     int                response,
                     GdImportAssistant *self)
{
  ChosenFunc chosen = (ChosenFunc) g_object_get_data (G_OBJECT (dialog), "chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        chosen (self, path);
    }
  g_object_unref (dialog);
}

static GtkFileChooserNative *
chooser_new (GdImportAssistant   *self,
             const char          *title,
             GtkFileChooserAction action,
             const char          *accept,
             ChosenFunc           chosen)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                               accept, _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "chosen", (gpointer) chosen);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  return chooser;
}

static void
on_choose_clicked (GdImportAssistant *self)
{
  GtkFileChooserNative *chooser = chooser_new (self, _("Choose a Spreadsheet"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), gd_import_assistant_open_file);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Spreadsheets (.xlsx, .csv)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         GdImportAssistant *self)
{
  GFile *file = g_value_get_object (value);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path == NULL || self->busy)
    return FALSE;
  gd_import_assistant_open_file (self, path);
  return TRUE;
}

/* ---- 2. the mapping ---- */

static void
refresh_dropdowns (GdImportAssistant *self)
{
  const char * const *fields = gd_import_fields (current_kind (self));

  self->refreshing = TRUE;
  for (guint c = 0; c < self->dropdowns->len; c++)
    {
      const char *field = gd_import_mapping_field (self->mapping, c);
      guint selected = 0;

      for (guint f = 0; field != NULL && fields[f] != NULL; f++)
        if (g_str_equal (fields[f], field))
          selected = f + 1;
      gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, c), selected);
    }
  self->refreshing = FALSE;
}

static void
on_field_selected (GtkDropDown       *dropdown,
                   GParamSpec        *pspec,
                   GdImportAssistant *self)
{
  const char * const *fields = gd_import_fields (current_kind (self));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->refreshing || selected == GTK_INVALID_LIST_POSITION)
    return;
  gd_import_mapping_set_field (self->mapping, column, selected == 0 ? NULL : fields[selected - 1]);
  g_clear_pointer (&self->report, gd_import_report_free);
  /* the field left the column that had it */
  refresh_dropdowns (self);
}

/* "王伟 · 李娜 · 张敏": the first values of a column */
static char *
samples (GdImportAssistant *self,
         guint              column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint found = 0;

  for (guint r = gd_import_mapping_header_index (self->mapping) + 1;
       r < gd_table_get_n_rows (self->table) && found < SAMPLE_VALUES; r++)
    {
      const char *value = gd_table_row_get (gd_table_get_row (self->table, r), column);

      if (*value == '\0')
        continue;
      if (found++ > 0)
        g_string_append (text, " · ");
      g_string_append (text, value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
build_mapping_page (GdImportAssistant *self)
{
  GdImportType kind = current_kind (self);
  const char * const *fields = gd_import_fields (kind);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint columns = gd_import_mapping_get_n_columns (self->mapping);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);
  g_ptr_array_set_size (self->dropdowns, 0);

  gtk_string_list_append (labels, _("Ignored"));
  for (guint f = 0; fields[f] != NULL; f++)
    gtk_string_list_append (labels, gd_import_field_label (kind, fields[f]));

  for (guint c = 0; c < columns; c++)
    {
      const char *header = gd_import_mapping_header (self->mapping, c);
      /* Translators: a column without a header, by its letter-less number */
      g_autofree char *unnamed = g_strdup_printf (_("Column %u"), c + 1);
      g_autofree char *sample = samples (self, c);
      GtkWidget *row = adw_action_row_new ();
      GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL));
      const char *title = *header != '\0' ? header : unnamed;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (c));
      gd_dropdown_follow_popup_selection (dropdown);
      /* the drop-down (and its inner button, which takes the focus in 4.8) is the column */
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_BUTTON (child))
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (dropdown));
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
      g_ptr_array_add (self->dropdowns, dropdown);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_field_selected), self);
    }
  refresh_dropdowns (self);
}

static gboolean
go_to_mapping (GdImportAssistant *self)
{
  g_autoptr(GError) error = NULL;

  if (self->mapping == NULL)
    {
      if ((self->mapping = gd_import_mapping_guess (current_kind (self), self->table, &error)) == NULL)
        {
          toast (self, error->message);
          return FALSE;
        }
      build_mapping_page (self);
    }
  gtk_stack_set_visible_child_name (self->stack, "mapping");
  return TRUE;
}

/* ---- 3. preview and dry run ---- */

static char *
counts_text (GdImportType          kind,
             const GdImportReport *report)
{
  if (kind == GD_IMPORT_HOUSEHOLD)
    /* Translators: a dry run's (or an import's) counts */
    return g_strdup_printf (_("%u rows: %u new households, %u updated, %u unchanged; "
                              "%u new residents, %u updated; %u rows refused"),
                            report->rows, report->new_households, report->updated_households,
                            report->unchanged_households, report->new_persons,
                            report->updated_persons, report->refused_rows);
  if (kind == GD_IMPORT_ORGANISATION)
    return g_strdup_printf (_("%u rows: %u new organisations, %u updated, %u unchanged; %u rows refused"),
                            report->rows, report->new_households, report->updated_households,
                            report->unchanged_households, report->refused_rows);
  return g_strdup_printf (_("%u rows: %u new incidents, %u imported before; %u rows refused"),
                          report->rows, report->new_households, report->unchanged_households,
                          report->refused_rows);
}

static void
show_problems (GdImportAssistant *self)
{
  GtkWidget *child;
  guint n = self->report != NULL ? self->report->problems->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  for (guint i = 0; i < MIN (n, MAX_PROBLEMS_LISTED); i++)
    {
      g_autofree char *text = gd_import_problem_to_string (g_ptr_array_index (self->report->problems, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->problems_list, label);
    }
  if (n > MAX_PROBLEMS_LISTED)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more: save the rows with problems to see them all"),
                                               n - MAX_PROBLEMS_LISTED);
      gtk_list_box_append (self->problems_list, gtk_label_new (more));
    }
  gtk_widget_set_visible (self->problems_scroller, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->save_errors_button), n > 0);
}

static void
dry_run_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GdImportAssistant *self = GD_IMPORT_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  GdImportJob *refused = NULL;
  g_autoptr(GdImportJob) job = gd_import_job_finish (result, &refused, &error);

  gtk_spinner_stop (self->dry_spinner);
  if (job == NULL && refused != NULL)
    job = refused;
  g_clear_pointer (&self->report, gd_import_report_free);
  if (job == NULL)
    {
      /* the file itself is refused (no names column, the database): no counts */
      gtk_label_set_text (self->counts_label, error->message);
      set_busy (self, FALSE);
      show_problems (self);
      return;
    }
  self->report = g_steal_pointer (&job->report);
  {
    g_autofree char *counts = counts_text (current_kind (self), self->report);
    g_autofree char *text = self->report->problems->len == 0
      ? g_strdup_printf (_("Ready: %s"), counts)
      /* Translators: a dry run that found problems; then its counts */
      : g_strdup_printf (_("Nothing will be imported until every problem is fixed. %s"), counts);

    gtk_label_set_text (self->counts_label, text);
    gtk_widget_remove_css_class (GTK_WIDGET (self->counts_label), self->report->problems->len == 0 ? "error" : "success");
    gtk_widget_add_css_class (GTK_WIDGET (self->counts_label), self->report->problems->len == 0 ? "success" : "error");
  }
  gd_import_preview_fill (self->preview_grid, self->table, self->mapping, self->report);
  show_problems (self);
  set_busy (self, FALSE);
}

static void
go_to_preview (GdImportAssistant *self)
{
  const char *database = database_path (self);
  GdImportJob *job;

  if (database == NULL)
    {
      toast (self, _("The database is still opening; try again in a moment."));
      return;
    }
  gd_import_preview_fill (self->preview_grid, self->table, self->mapping, NULL);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  show_problems (self);
  g_clear_pointer (&self->report, gd_import_report_free);
  gtk_label_set_text (self->counts_label, _("Checking every row (a dry run: nothing is written)…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->counts_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->counts_label), "success");
  gtk_spinner_start (self->dry_spinner);
  job = gd_import_job_new (GD_IMPORT_JOB_DRY_RUN, database, gd_session_get_actor (self->session));
  job->table = self->table;
  job->mapping = self->mapping;
  job->path = g_strdup (self->path);
  set_busy (self, TRUE);
  gd_import_job_run (job, self, NULL, dry_run_done_cb, NULL);
}

static void
save_errors_to (GdImportAssistant *self,
                const char        *chosen)
{
  g_autofree char *path = g_str_has_suffix (chosen, ".xlsx") || g_str_has_suffix (chosen, ".csv")
                          ? g_strdup (chosen) : g_strconcat (chosen, ".xlsx", NULL);
  g_autoptr(GError) error = NULL;

  if (self->report == NULL || self->mapping == NULL)
    return;
  if (gd_import_write_errors (self->table, self->mapping, self->report, path,
                              GD_CSV_ENCODING_GB18030, &error))
    {
      g_autofree char *base = g_path_get_basename (path);
      /* Translators: a file name */
      g_autofree char *text = g_strdup_printf (_("Saved %s: fix the rows in Excel and import it again"), base);
      toast (self, text);
    }
  else
    toast (self, error->message);
}

static void
on_save_errors_clicked (GdImportAssistant *self)
{
  GtkFileChooserNative *chooser = chooser_new (self, _("Save Rows with Problems"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), save_errors_to);
  g_autofree char *base = g_path_get_basename (self->path);
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot != NULL)
    *dot = '\0';
  /* Translators: the file name of the rows with problems; %s is the imported file's */
  name = g_strdup_printf (_("%s-problems.xlsx"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- 4. the import ---- */

static gboolean
progress_cb (gpointer user_data)
{
  GdImportAssistant *self = user_data;
  gint done, total;
  g_autofree char *text = NULL;

  if (self->running == NULL)
    {
      self->progress_source = 0;
      return G_SOURCE_REMOVE;
    }
  done = g_atomic_int_get (&self->running->done);
  total = g_atomic_int_get (&self->running->total);
  if (total > 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      /* Translators: rows imported so far, of all */
      text = g_strdup_printf (_("%d of %d rows"), done, total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_CONTINUE;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GdImportAssistant *self = GD_IMPORT_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  GdImportJob *refused = NULL;
  g_autoptr(GdImportJob) job = gd_import_job_finish (result, &refused, &error);

  self->running = NULL;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->cancellable);
  if (self->close_when_done)
    {
      self->busy = FALSE;
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (job == NULL && refused != NULL)
    job = refused;
  if (job == NULL || job->report->batch == 0)
    {
      /* cancelled, refused (the register changed since the dry run) or a database error:
       * nothing was written */
      set_busy (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "preview");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Import cancelled: nothing was written"));
      else
        {
          /* Translators: why an import failed */
          g_autofree char *text = g_strdup_printf (_("Nothing was imported: %s"), error != NULL ? error->message : "?");
          toast (self, text);
          if (job != NULL)
            {
              g_clear_pointer (&self->report, gd_import_report_free);
              self->report = g_steal_pointer (&job->report);
              gd_import_preview_fill (self->preview_grid, self->table, self->mapping, self->report);
              show_problems (self);
            }
        }
      return;
    }
  g_clear_pointer (&self->report, gd_import_report_free);
  self->report = g_steal_pointer (&job->report);
  self->batch = self->report->batch;
  self->undone = FALSE;
  {
    g_autofree char *counts = counts_text (current_kind (self), self->report);
    adw_status_page_set_title (self->summary_page, _("Imported"));
    adw_status_page_set_icon_name (self->summary_page, "emblem-ok-symbolic");
    adw_status_page_set_description (self->summary_page, counts);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  set_busy (self, FALSE);
  gd_session_check_changes (self->session);
}

static void
start_import (GdImportAssistant *self)
{
  const char *database = database_path (self);
  GdImportJob *job;

  if (database == NULL)
    return;
  job = gd_import_job_new (GD_IMPORT_JOB_IMPORT, database, gd_session_get_actor (self->session));
  job->table = self->table;
  job->mapping = self->mapping;
  job->path = g_strdup (self->path);
  self->running = job;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  set_busy (self, TRUE);
  self->progress_source = g_timeout_add (100, progress_cb, self);
  gd_import_job_run (job, self, self->cancellable, import_done_cb, NULL);
}

static void
on_cancel_clicked (GdImportAssistant *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

/* ---- 5. the summary and Undo ---- */

static void
undo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GdImportAssistant *self = GD_IMPORT_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdImportJob) job = gd_import_job_finish (result, NULL, &error);

  set_busy (self, FALSE);
  if (job == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), TRUE);
      /* the refusal names every record changed since: the page has room for it */
      adw_status_page_set_title (self->summary_page, _("Cannot Undo the Import"));
      adw_status_page_set_icon_name (self->summary_page, "dialog-warning-symbolic");
      adw_status_page_set_description (self->summary_page, error->message);
      return;
    }
  self->undone = TRUE;
  adw_status_page_set_title (self->summary_page, _("Import Undone"));
  adw_status_page_set_icon_name (self->summary_page, "edit-undo-symbolic");
  adw_status_page_set_description (self->summary_page,
                                   _("The records it created are deleted and those it updated are as they were before."));
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), FALSE);
  gd_session_check_changes (self->session);
}

static void
on_undo_clicked (GdImportAssistant *self)
{
  const char *database = database_path (self);
  GdImportJob *job;

  if (database == NULL || self->batch == 0 || self->undone)
    return;
  job = gd_import_job_new (GD_IMPORT_JOB_UNDO, database, gd_session_get_actor (self->session));
  job->batch = self->batch;
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), FALSE);
  set_busy (self, TRUE);
  gd_import_job_run (job, self, NULL, undo_done_cb, NULL);
}

/* ---- navigation ---- */

static void
on_next_clicked (GdImportAssistant *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->busy)
    return;
  if (g_strcmp0 (page, "file") == 0 && self->table != NULL)
    go_to_mapping (self);
  else if (g_strcmp0 (page, "mapping") == 0)
    go_to_preview (self);
  else if (g_strcmp0 (page, "preview") == 0)
    start_import (self);
  else if (g_strcmp0 (page, "summary") == 0)
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_back_clicked (GdImportAssistant *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->busy)
    return;
  if (g_strcmp0 (page, "preview") == 0)
    gtk_stack_set_visible_child_name (self->stack, "mapping");
  else if (g_strcmp0 (page, "mapping") == 0)
    gtk_stack_set_visible_child_name (self->stack, "file");
}

static gboolean
gd_import_assistant_close_request (GtkWindow *window)
{
  GdImportAssistant *self = GD_IMPORT_ASSISTANT (window);

  /* a running import is cancelled (rolled back) first; the window closes when it has */
  if (self->running != NULL)
    {
      self->close_when_done = TRUE;
      on_cancel_clicked (self);
      return TRUE;
    }
  return self->busy;
}

static void
gd_import_assistant_dispose (GObject *object)
{
  GdImportAssistant *self = GD_IMPORT_ASSISTANT (object);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_IMPORT_ASSISTANT);
  G_OBJECT_CLASS (gd_import_assistant_parent_class)->dispose (object);
}

static void
gd_import_assistant_finalize (GObject *object)
{
  GdImportAssistant *self = GD_IMPORT_ASSISTANT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, gd_import_report_free);
  g_clear_pointer (&self->mapping, gd_import_mapping_free);
  g_clear_pointer (&self->table, gd_table_free);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_strfreev (self->sheets);
  g_free (self->sheet);
  g_free (self->path);
  G_OBJECT_CLASS (gd_import_assistant_parent_class)->finalize (object);
}

static void
gd_import_assistant_class_init (GdImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gd_import_assistant_dispose;
  object_class->finalize = gd_import_assistant_finalize;
  window_class->close_request = gd_import_assistant_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/griddesk/GridDesk/gd-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, close_button);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, toasts);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, drop_box);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, choose_button);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, sheet_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, dry_spinner);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, counts_label);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, save_errors_button);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, problems_list);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, progress_page);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, summary_page);
  gtk_widget_class_bind_template_child (widget_class, GdImportAssistant, undo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_errors_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_clicked);
}

static void
gd_import_assistant_init (GdImportAssistant *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->mapping_rows = g_ptr_array_new ();
  self->dropdowns = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, gd_import_type_label (kinds[i]));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_names));
  gd_dropdown_follow_popup_selection (self->kind_dropdown);
  gd_dropdown_follow_popup_selection (self->sheet_dropdown);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->sheet_dropdown, "notify::selected", G_CALLBACK (on_sheet_selected), self);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->stack), GTK_EVENT_CONTROLLER (drop));
  update_buttons (self);
}

GdImportAssistant *
gd_import_assistant_new (GtkWindow *parent,
                         GdSession *session)
{
  GdImportAssistant *self = g_object_new (GD_TYPE_IMPORT_ASSISTANT,
                                          "transient-for", parent,
                                          "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                                          NULL);

  self->session = g_object_ref (session);
  return self;
}
