/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-private-file"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gd-error.h"
#include "gd-private-file.h"

char *
gd_private_file_begin (const char *path,
                       GError    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  int fd;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* hidden, so a file manager does not show a half-written document */
  tmpl = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);

  /* g_mkstemp_full creates with exactly the mode given, umask notwithstanding */
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, GD_ERROR, GD_ERROR_IO, _("Cannot create a file in %s: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  if (fchmod (fd, 0600) != 0)
    {
      int saved = errno;
      close (fd);
      g_unlink (tmpl);
      g_set_error (error, GD_ERROR, GD_ERROR_IO, _("Cannot make %s private: %s"),
                   tmpl, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

gboolean
gd_private_file_commit (const char *temp_path,
                        const char *path,
                        GError    **error)
{
  g_return_val_if_fail (temp_path != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_chmod (temp_path, 0600) != 0 || g_rename (temp_path, path) != 0)
    {
      int saved = errno;
      g_unlink (temp_path);
      g_set_error (error, GD_ERROR, GD_ERROR_IO, _("Cannot write %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

void
gd_private_file_abort (const char *temp_path)
{
  if (temp_path != NULL)
    g_unlink (temp_path);
}
