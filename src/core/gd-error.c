/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-error"
#include "config.h"

#include "gd-error.h"

G_DEFINE_QUARK (gd-error-quark, gd_error)

/* Exit statuses are the CLI.md contract: 1 input, 2 usage, 3 I/O, 4 network. */
int
gd_error_exit_status (const GError *error)
{
  if (error == NULL)
    return 0;
  if (error->domain != GD_ERROR)
    return 3;
  switch ((GdError) error->code)
    {
    case GD_ERROR_INVALID:
    case GD_ERROR_NOT_FOUND:
    case GD_ERROR_FORBIDDEN:
      return 1;
    case GD_ERROR_USAGE:
      return 2;
    case GD_ERROR_IO:
      return 3;
    case GD_ERROR_NETWORK:
      return 4;
    default:
      return 3;
    }
}
