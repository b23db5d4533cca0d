/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-error.h: the error domain of the core; codes map to griddesk-ctl exit statuses. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GD_ERROR (gd_error_quark ())

typedef enum {
  GD_ERROR_INVALID = 1, /* bad input or validation: exit 1 */
  GD_ERROR_NOT_FOUND,   /* no such document: exit 1 */
  GD_ERROR_FORBIDDEN,   /* the operator's role does not allow it: exit 1 */
  GD_ERROR_USAGE,       /* wrong command line: exit 2 */
  GD_ERROR_IO,          /* file or database: exit 3 */
  GD_ERROR_NETWORK,     /* network or server: exit 4 */
} GdError;

GQuark gd_error_quark (void);
int    gd_error_exit_status (const GError *error);

G_END_DECLS
