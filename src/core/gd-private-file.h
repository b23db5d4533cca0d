/* gd-private-file.h: files that hold personal data (PDFs, exports, reports) are written to an
 * owner-only (0600) temporary file beside their target, whatever the umask, and renamed into
 * place only when complete: a failed or cancelled write leaves no file and no half file.
 *
 *   g_autofree char *tmp = gd_private_file_begin ("out.xlsx", &error);
 *   ... write to tmp by path (cairo, libxlsxwriter) ...
 *   ok ? gd_private_file_commit (tmp, "out.xlsx", &error) : gd_private_file_abort (tmp);
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Creates an empty 0600 file in the target's folder and returns its path (free it). */
char     *gd_private_file_begin  (const char *path,
                                  GError    **error);
/* Makes sure the temporary is still 0600 (a writer may have recreated it) and renames it over
 * path. On failure the temporary is removed. */
gboolean  gd_private_file_commit (const char *temp_path,
                                  const char *path,
                                  GError    **error);
/* Removes the temporary; NULL is ignored. */
void      gd_private_file_abort  (const char *temp_path);

G_END_DECLS
