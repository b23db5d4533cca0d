/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-dispute-documents.h: the Documents stage of the case editor: pick a form, look at its
 * pages (drawn by the same cairo code as the PDF), print it or save it as a PDF. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "gd-store.h"

G_BEGIN_DECLS

#define GD_TYPE_DISPUTE_DOCUMENTS (gd_dispute_documents_get_type ())
G_DECLARE_FINAL_TYPE (GdDisputeDocuments, gd_dispute_documents, GD, DISPUTE_DOCUMENTS, GtkBox)

GtkWidget *gd_dispute_documents_new          (void);
/* The stored case (copied) to print; `store` (borrowed) for the committee and the audit log;
 * `actor` the operator. NULL `dispute`: nothing to print yet (a new case). */
void       gd_dispute_documents_set_dispute  (GdDisputeDocuments *self,
                                              GdStore            *store,
                                              JsonObject         *dispute,
                                              const char         *actor);

/* Signal "message" (const char *text): something to tell the operator (a toast). */

G_END_DECLS
