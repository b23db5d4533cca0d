/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-import-fields.h: what the import assistant calls the fields a column can go into. */
#pragma once

#include "gd-import.h"

G_BEGIN_DECLS

/* "ID number" for "id_number" (translated); the field itself when unknown. */
const char *gd_import_field_label (GdImportType type,
                                   const char  *field);
/* "Households and residents", "Hotline work orders", "Organisations" (translated). */
const char *gd_import_type_label  (GdImportType type);

G_END_DECLS
