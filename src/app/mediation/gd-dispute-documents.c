/* gd-dispute-documents.c: preview, print and save the documents of a mediation case.
 *
 * The preview draws the pages with gd_dispute_print_render() — the very code that writes the
 * PDF — scaled into the widget; GtkPrintOperation gets the same pages in points. Printing and
 * saving are audit-logged: the forms carry full ID and phone numbers.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-dispute-documents"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-dispute-documents.h"
#include "gd-format.h"
#include "gd-json.h"
#include "gd-mediation.h"
#include "gd-print-dispute.h"
#include "gd-sheet.h"

struct _GdDisputeDocuments
{
  GtkBox          parent_instance;

  GtkDropDown    *form_dropdown;
  GtkDropDown    *session_dropdown;
  GtkWidget      *previous_button;
  GtkWidget      *next_button;
  GtkLabel       *page_label;
  GtkWidget      *print_button;
  GtkWidget      *save_button;
  GtkLabel       *message_label;
  GtkWidget      *area;

  GdStore        *store;     /* borrowed */
  JsonObject     *dispute;
  char           *actor;
  char           *committee;
  GdDisputePrint *print;
  int             n_pages;
  int             page;
};

G_DEFINE_FINAL_TYPE (GdDisputeDocuments, gd_dispute_documents, GTK_TYPE_BOX)

enum { MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

static GdDisputeForm
selected_form (GdDisputeDocuments *self)
{
  guint selected = gtk_drop_down_get_selected (self->form_dropdown);

  return selected < GD_DISPUTE_N_FORMS ? (GdDisputeForm) selected : GD_DISPUTE_FORM_AGREEMENT;
}

static void
update_page_controls (GdDisputeDocuments *self)
{
  g_autofree char *text = NULL;

  /* Translators: under the document preview */
  text = self->n_pages > 0 ? g_strdup_printf (_("Page %d of %d"), self->page + 1, self->n_pages)
                           : g_strdup ("");
  gtk_label_set_text (self->page_label, text);
  gtk_widget_set_sensitive (self->previous_button, self->page > 0);
  gtk_widget_set_sensitive (self->next_button, self->page + 1 < self->n_pages);
  gtk_widget_set_sensitive (self->print_button, self->print != NULL);
  gtk_widget_set_sensitive (self->save_button, self->print != NULL);
  gtk_widget_queue_draw (self->area);
}

static int
count_pages (GdDisputePrint *print)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  int n = gd_dispute_print_render (print, cr, G_MAXINT); /* lays out, draws nothing */

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

static void
rebuild (GdDisputeDocuments *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;
  guint selected = gtk_drop_down_get_selected (self->session_dropdown);
  GdDisputeForm form = selected_form (self);

  g_clear_pointer (&self->print, gd_dispute_print_free);
  self->n_pages = 0;
  self->page = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->session_dropdown), form == GD_DISPUTE_FORM_RECORD);
  if (self->dispute == NULL)
    {
      gtk_label_set_text (self->message_label, _("Save the case first: the documents are made from the saved case."));
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      update_page_controls (self);
      return;
    }
  if (form == GD_DISPUTE_FORM_RECORD && selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    session = g_strdup_printf ("%u", selected);
  self->print = gd_dispute_print_new (self->dispute, form, session, self->committee, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->print == NULL);
  if (self->print == NULL)
    gtk_label_set_text (self->message_label, error->message);
  else
    self->n_pages = count_pages (self->print);
  update_page_controls (self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  GdDisputeDocuments *self = user_data;
  double scale, x, y;

  if (self->print == NULL)
    return;
  /* the whole page, with a margin around it */
  scale = MIN ((width - 32) / GD_SHEET_WIDTH, (height - 32) / GD_SHEET_HEIGHT);
  if (scale <= 0)
    return;
  x = (width - GD_SHEET_WIDTH * scale) / 2;
  y = (height - GD_SHEET_HEIGHT * scale) / 2;
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, x + 3, y + 3, GD_SHEET_WIDTH * scale, GD_SHEET_HEIGHT * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, GD_SHEET_WIDTH * scale, GD_SHEET_HEIGHT * scale);
  cairo_fill (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  gd_dispute_print_render (self->print, cr, self->page);
  cairo_restore (cr);
}

static void
audit_print (GdDisputeDocuments *self,
             const char         *how)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = g_strdup_printf ("%s %s", how,
                                             gd_dispute_form_to_string (selected_form (self)));

  if (!gd_store_audit (self->store, self->actor, "print",
                       gd_json_get_string (self->dispute, "_id"), detail, &error))
    g_warning ("Cannot write the audit log: %s", error->message);
}

static void
on_previous_clicked (GdDisputeDocuments *self)
{
  if (self->page > 0)
    self->page--;
  update_page_controls (self);
}

static void
on_next_clicked (GdDisputeDocuments *self)
{
  if (self->page + 1 < self->n_pages)
    self->page++;
  update_page_controls (self);
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page_nr,
              GdDisputeDocuments *self)
{
  if (self->print != NULL)
    gd_dispute_print_render (self->print, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
on_print_clicked (GdDisputeDocuments *self)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->print == NULL)
    return;
  /* as many as the agreement says it is made in (一式3份), one of the other forms */
  gtk_print_settings_set_n_copies (settings, gd_dispute_print_copies (self->print));
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* the pages are laid out in points from the paper's corner, as in the PDF */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, self->n_pages);
  gtk_print_operation_set_job_name (operation, gd_dispute_form_title (selected_form (self)));
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    audit_print (self, "printed");
}

static char *
suggested_name (GdDisputeDocuments *self)
{
  const char *number = gd_json_get_string (self->dispute, "number");

  return g_strdup_printf ("%s%s%s.pdf", gd_dispute_form_title (selected_form (self)),
                          number != NULL ? "-" : "", number != NULL ? number : "");
}

static void
on_save_response (GtkDialog          *dialog,
                  int                 response,
                  GdDisputeDocuments *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (file == NULL || self->print == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL || !gd_dispute_print_write_pdf (self->print, path, &error))
    {
      message = g_strdup_printf (_("The PDF could not be saved: %s"),
                                 error != NULL ? error->message : _("not a local file"));
      g_signal_emit (self, signals[MESSAGE], 0, message);
      return;
    }
  audit_print (self, path);
  /* Translators: %s is the file's name */
  message = g_strdup_printf (_("Saved %s"), g_file_peek_path (file));
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
on_save_clicked (GdDisputeDocuments *self)
{
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (self->print == NULL)
    return;
  /* a GTK dialog rather than a portal: it works the same on every desktop the centres use */
  dialog = gtk_file_chooser_dialog_new (_("Save as PDF"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL,
                                        _("_Save"), GTK_RESPONSE_ACCEPT,
                                        NULL);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  name = suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_sessions (GdDisputeDocuments *self)
{
  JsonArray *sessions = gd_json_get_array (self->dispute, "sessions");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("All sessions"));
  for (guint i = 0; sessions != NULL && i < json_array_get_length (sessions); i++)
    {
      g_autofree char *label = g_strdup_printf (_("Session %u"), i + 1);
      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->session_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->session_dropdown, 0);
}

void
gd_dispute_documents_set_dispute (GdDisputeDocuments *self,
                                  GdStore            *store,
                                  JsonObject         *dispute,
                                  const char         *actor)
{
  g_return_if_fail (GD_IS_DISPUTE_DOCUMENTS (self));

  self->store = store;
  g_clear_pointer (&self->dispute, json_object_unref);
  g_clear_pointer (&self->committee, g_free);
  g_free (self->actor);
  self->actor = g_strdup (actor);
  if (dispute != NULL)
    {
      const char *status = gd_json_get_string (dispute, "status");

      self->dispute = gd_json_copy_object (dispute);
      self->committee = gd_mediation_committee (store);
      /* the document the case is at: the agreement once agreed, a record while mediating */
      if (gd_json_get_object (dispute, "agreement") != NULL
          && g_strcmp0 (gd_json_get_string (gd_json_get_object (dispute, "agreement"), "form"), "written") == 0)
        gtk_drop_down_set_selected (self->form_dropdown, GD_DISPUTE_FORM_AGREEMENT);
      else if (g_strcmp0 (status, "mediating") == 0)
        gtk_drop_down_set_selected (self->form_dropdown, GD_DISPUTE_FORM_RECORD);
      else if (g_strcmp0 (status, "received") == 0)
        gtk_drop_down_set_selected (self->form_dropdown, GD_DISPUTE_FORM_APPLICATION);
      else
        gtk_drop_down_set_selected (self->form_dropdown, GD_DISPUTE_FORM_REGISTRATION);
    }
  update_sessions (self);
  rebuild (self);
}

static void
gd_dispute_documents_dispose (GObject *object)
{
  GdDisputeDocuments *self = GD_DISPUTE_DOCUMENTS (object);

  g_clear_pointer (&self->print, gd_dispute_print_free);
  g_clear_pointer (&self->dispute, json_object_unref);
  g_clear_pointer (&self->committee, g_free);
  g_clear_pointer (&self->actor, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_DISPUTE_DOCUMENTS);
  G_OBJECT_CLASS (gd_dispute_documents_parent_class)->dispose (object);
}

static void
gd_dispute_documents_class_init (GdDisputeDocumentsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gd_dispute_documents_dispose;
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-dispute-documents.ui");
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, form_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, session_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, previous_button);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, next_button);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, page_label);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, print_button);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, save_button);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, message_label);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeDocuments, area);
  gtk_widget_class_bind_template_callback (widget_class, rebuild);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
gd_dispute_documents_init (GdDisputeDocuments *self)
{
  g_autoptr(GtkStringList) forms = gtk_string_list_new (NULL);

  /* the model first: the template's notify::selected handlers rebuild from it */
  for (guint i = 0; i < GD_DISPUTE_N_FORMS; i++)
    gtk_string_list_append (forms, gd_dispute_form_title ((GdDisputeForm) i));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->form_dropdown, G_LIST_MODEL (forms));
  gd_dropdown_follow_popup_selection (self->form_dropdown);
  gd_dropdown_follow_popup_selection (self->session_dropdown);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_preview, self, NULL);
  update_sessions (self);
  rebuild (self);
}

GtkWidget *
gd_dispute_documents_new (void)
{
  return g_object_new (GD_TYPE_DISPUTE_DOCUMENTS, NULL);
}
