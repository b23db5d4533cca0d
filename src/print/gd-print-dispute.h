/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-print-dispute.h: the documents of a mediation case in the Ministry of Justice's formats:
 * 人民调解申请书, 人民调解受理登记表, 人民调解记录 (one per session), 人民调解协议书 and
 * 人民调解回访记录. GTK-free (pango and cairo only): the CLI and the app share it. */
#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  GD_DISPUTE_FORM_APPLICATION,   /* 人民调解申请书 */
  GD_DISPUTE_FORM_REGISTRATION,  /* 人民调解受理登记表 */
  GD_DISPUTE_FORM_RECORD,        /* 人民调解记录 */
  GD_DISPUTE_FORM_AGREEMENT,     /* 人民调解协议书 */
  GD_DISPUTE_FORM_FOLLOW_UP,     /* 人民调解回访记录 */
} GdDisputeForm;

#define GD_DISPUTE_N_FORMS (GD_DISPUTE_FORM_FOLLOW_UP + 1)

/* "application", "registration", "record", "agreement", "follow-up" */
const char *gd_dispute_form_to_string   (GdDisputeForm form);
gboolean    gd_dispute_form_from_string (const char *name, GdDisputeForm *out_form);
/* The form's title (translated): 人民调解协议书 */
const char *gd_dispute_form_title       (GdDisputeForm form);

typedef struct _GdDisputePrint GdDisputePrint;

/* Prepares `form` of `dispute` (copied). `session` (record only) picks one session by its id
 * or its 1-based position; NULL prints every session, each on its own page. `committee` is the
 * committee's short name (新兴村). GD_ERROR_INVALID when the case cannot have the form yet
 * (no session to record, no written agreement, an unknown session). */
GdDisputePrint *gd_dispute_print_new    (JsonObject   *dispute,
                                         GdDisputeForm form,
                                         const char   *session,
                                         const char   *committee,
                                         GError      **error);
void            gd_dispute_print_free   (GdDisputePrint *print);
/* Draws page `page` (0-based; -1: every page, with cairo_show_page()); returns the number of
 * pages. */
int             gd_dispute_print_render (GdDisputePrint *print,
                                         cairo_t        *cr,
                                         int             page);
/* How many copies to print: what the agreement says it is made in (一式N份: its `copies`, else
 * one per party and one for the committee); 1 for the other forms. */
int             gd_dispute_print_copies (GdDisputePrint *print);
gboolean        gd_dispute_print_write_pdf (GdDisputePrint *print,
                                            const char     *path,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdDisputePrint, gd_dispute_print_free)

G_END_DECLS
