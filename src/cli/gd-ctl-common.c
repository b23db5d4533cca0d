#define G_LOG_DOMAIN "gd-ctl"
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gd-ctl-private.h"

gboolean
gd_ctl_parse (GOptionContext *context,
              int            *argc,
              char         ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      gd_ctl_usage ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

GdStore *
gd_ctl_open_store (GdCtl   *ctl,
                   GError **error)
{
  if (ctl->db_path == NULL)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_USAGE, "%s needs --db FILE", ctl->command);
      return NULL;
    }
  return gd_store_open (ctl->db_path, error);
}

char *
gd_ctl_read_input (const char *path,
                   gsize      *length,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    {
      GString *in = g_string_new (NULL);
      char buffer[8192];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (in, buffer, (gssize) n);
      if (ferror (stdin))
        {
          g_string_free (in, TRUE);
          g_set_error_literal (error, GD_ERROR, GD_ERROR_IO, "cannot read standard input");
          return NULL;
        }
      *length = in->len;
      return g_string_free (in, FALSE);
    }
  if (!g_file_get_contents (path, &contents, length, &local_error))
    {
      g_set_error (error, GD_ERROR, GD_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return contents;
}

void
gd_ctl_print_json (JsonNode *node,
                   gboolean  pretty)
{
  g_autofree char *text = json_to_string (node, pretty);
  printf ("%s\n", text);
}

const char *
gd_ctl_operator (const char *by)
{
  const char *env = g_getenv ("GRIDDESK_OPERATOR");

  if (by != NULL && *by != '\0')
    return by;
  if (env != NULL && *env != '\0')
    return env;
  return g_get_user_name ();
}

gboolean
gd_ctl_audit_reveal (GdStore    *store,
                     const char *detail,
                     GError    **error)
{
  return gd_store_audit (store, gd_ctl_operator (NULL), "reveal", NULL, detail, error);
}
