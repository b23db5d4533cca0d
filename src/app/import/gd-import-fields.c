/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-import-assistant"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-import-fields.h"

typedef struct {
  const char *field;
  const char *label;
} FieldLabel;

/* the fields of every type; a field of the same name reads the same in each */
static const FieldLabel common[] = {
  { "name", N_("Name") },
  { "address", N_("Address") },
  { "phone", N_("Phone") },
  { "grid", N_("Grid") },
  { "number", N_("Household number") },
  { "sex", N_("Sex") },
  { "ethnicity", N_("Ethnicity") },
  { "id_type", N_("ID type") },
  { "id_number", N_("ID number") },
  { "birth_date", N_("Date of birth") },
  { "relation", N_("Relation to head") },
  { "education", N_("Education") },
  { "residence", N_("Residence type") },
  { "political_status", N_("Political status") },
  { "occupation", N_("Occupation") },
  { "employer", N_("Employer") },
  { "hukou_address", N_("Hukou address") },
  { "notes", N_("Notes") },
  { "external_number", N_("Work order number") },
  { "reported_at", N_("Reported at") },
  { "category", N_("Category") },
  { "reporter_name", N_("Reporter") },
  { "reporter_phone", N_("Reporter's phone") },
  { "description", N_("What was reported") },
  { "title", N_("Title") },
  { "deadline", N_("Deadline") },
  { "urgency", N_("Urgency") },
  { "credit_code", N_("Credit code") },
  { "kind", N_("Kind of organisation") },
  { "premises", N_("Premises category") },
  { "representative", N_("Representative") },
  { "employees", N_("Employees") },
  { "floor_area", N_("Floor area") },
  { "opened_at", N_("Opened on") },
  { "safety_contact", N_("Safety contact") },
  { "safety_phone", N_("Safety contact's phone") },
  { "status", N_("Status") },
};

const char *
gd_import_field_label (GdImportType type,
                       const char  *field)
{
  /* an organisation's name and phone are its own and its representative's */
  if (type == GD_IMPORT_ORGANISATION && g_strcmp0 (field, "name") == 0)
    return _("Organisation name");
  if (type == GD_IMPORT_ORGANISATION && g_strcmp0 (field, "phone") == 0)
    return _("Representative's phone");
  if (type == GD_IMPORT_INCIDENT && g_strcmp0 (field, "phone") == 0)
    return _("Reporter's phone");
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (common); i++)
    if (g_str_equal (common[i].field, field))
      return _(common[i].label);
  return field;
}

const char *
gd_import_type_label (GdImportType type)
{
  switch (type)
    {
    case GD_IMPORT_INCIDENT:
      return _("Hotline work orders (incidents)");
    case GD_IMPORT_ORGANISATION:
      return _("Organisations and premises");
    case GD_IMPORT_HOUSEHOLD:
    default:
      return _("Households and residents");
    }
}
