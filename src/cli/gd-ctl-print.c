/* SPDX-License-Identifier: GPL-3.0-or-later */
/* griddesk-ctl print dispute ID --form FORM -o FILE.pdf */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>

#include "gd-ctl-private.h"
#include "gd-json.h"
#include "gd-mediation.h"
#include "gd-print-dispute.h"

static int
print_dispute (GdCtl      *ctl,
               const char *id,
               const char *form_name,
               const char *session,
               const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(JsonObject) dispute = NULL;
  g_autoptr(GdDisputePrint) print = NULL;
  g_autofree char *committee = NULL;
  g_autofree char *detail = NULL;
  GdDisputeForm form;

  if (!gd_dispute_form_from_string (form_name, &form))
    return gd_ctl_usage ("--form must be application, registration, record, agreement or follow-up");
  if (session != NULL && form != GD_DISPUTE_FORM_RECORD)
    return gd_ctl_usage ("--session goes with --form record");
  if ((store = gd_ctl_open_store (ctl, &error)) == NULL
      || (dispute = gd_store_get (store, id, &error)) == NULL)
    return gd_ctl_fail (error);
  if (g_strcmp0 (gd_json_get_string (dispute, "type"), "dispute") != 0)
    {
      g_set_error (&error, GD_ERROR, GD_ERROR_INVALID, "%s is not a dispute", id);
      return gd_ctl_fail (error);
    }
  committee = gd_mediation_committee (store);
  if ((print = gd_dispute_print_new (dispute, form, session, committee, &error)) == NULL
      || !gd_dispute_print_write_pdf (print, output, &error))
    return gd_ctl_fail (error);
  /* the forms carry ID and phone numbers in full: printing is an export */
  detail = g_strdup_printf ("griddesk-ctl print dispute --form %s -o %s", form_name, output);
  if (!gd_store_audit (store, gd_ctl_operator (NULL), "print", id, detail, &error))
    return gd_ctl_fail (error);
  return 0;
}

int
gd_ctl_print (GdCtl *ctl, int argc, char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("dispute ID - print a mediation document as an A4 PDF");
  g_autofree char *form = NULL;
  g_autofree char *session = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "form", 0, 0, G_OPTION_ARG_STRING, &form,
      "application, registration, record, agreement or follow-up", "FORM" },
    { "session", 0, 0, G_OPTION_ARG_STRING, &session,
      "record: one session, by id or position (default: every session)", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The PDF to write", "FILE.pdf" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!gd_ctl_parse (context, &argc, &argv))
    return 2;
  if (argc < 2)
    return gd_ctl_usage ("print needs what to print: dispute ID");
  if (!g_str_equal (argv[1], "dispute"))
    return gd_ctl_usage ("cannot print '%s' (this griddesk-ctl prints: dispute)", argv[1]);
  if (argc != 3)
    return gd_ctl_usage ("print dispute needs one ID");
  if (form == NULL || output == NULL)
    return gd_ctl_usage ("print dispute needs --form FORM and -o FILE.pdf");
  return print_dispute (ctl, argv[2], form, session, output);
}
