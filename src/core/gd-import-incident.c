#define G_LOG_DOMAIN "gd-import"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gd-error.h"
#include "gd-import-private.h"

gboolean
gd_import_incidents (GdStore               *store,
                     GdTable               *table,
                     GdImportMapping       *mapping,
                     const GdImportOptions *options,
                     GdImportReport        *report,
                     GError               **error)
{
  g_set_error (error, GD_ERROR, GD_ERROR_INVALID, _("importing incidents is not supported yet"));
  return FALSE;
}
