/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Passwords on the command line: from an environment variable named by --password-env, or
 * typed at the terminal without echo; never an argument (other users see arguments in ps). */
#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "gd-ctl-private.h"

const char *
gd_ctl_secret_from_env (const char *var,
                        GError    **error)
{
  const char *value = g_getenv (var);

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, GD_ERROR, GD_ERROR_USAGE, "environment variable %s is not set", var);
      return NULL;
    }
  return value;
}

/* One line from the terminal with echo off; NULL when there is no terminal. */
static char *
prompt_line (const char *prompt)
{
  struct termios saved, quiet;
  char buffer[1024];
  gboolean restore;
  FILE *tty;
  char *line = NULL;
  int fd = open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);

  if (fd < 0)
    return NULL;
  tty = fdopen (fd, "r+");
  if (tty == NULL)
    {
      close (fd);
      return NULL;
    }
  fprintf (tty, "%s", prompt);
  fflush (tty);
  restore = tcgetattr (fd, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (fd, TCSAFLUSH, &quiet);
    }
  if (fgets (buffer, sizeof buffer, tty) != NULL)
    {
      buffer[strcspn (buffer, "\r\n")] = '\0';
      line = g_strdup (buffer);
    }
  if (restore)
    tcsetattr (fd, TCSAFLUSH, &saved);
  fprintf (tty, "\n");
  explicit_bzero (buffer, sizeof buffer);
  fclose (tty);
  return line;
}

char *
gd_ctl_read_password (const char *env_var,
                      const char *prompt,
                      gboolean    twice,
                      GError    **error)
{
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;

  if (env_var != NULL)
    {
      const char *value = gd_ctl_secret_from_env (env_var, error);
      return value ? g_strdup (value) : NULL;
    }
  first = prompt_line (prompt);
  if (first == NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_USAGE,
                           "no terminal to ask for the password: give --password-env VAR");
      return NULL;
    }
  if (twice)
    {
      again = prompt_line ("Again: ");
      if (g_strcmp0 (first, again) != 0)
        {
          g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID, "the two passwords differ");
          return NULL;
        }
    }
  return g_steal_pointer (&first);
}
