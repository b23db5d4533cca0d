/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-pwhash: what one sign-in costs. Adds an account to a temp store (one Argon2id hash
 * with GD_ACCOUNT_PWHASH_OPSLIMIT/MEMLIMIT) and times gd_accounts_sign_in(), whose cost is
 * the verification: the target is 0.2-0.5 s on the workstation. Prints the median of 5. */
#include "config.h"

#include "gd-accounts.h"
#include "gd-bench.h"

#define RUNS 5

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gd-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.sqlite", NULL);
  GdAccountSpec spec = { .name = "admin", .roles = GD_ROLE_BIT (GD_ROLE_ADMINISTRATOR) };
  g_autoptr(GdStore) store = gd_store_open (path, &error);
  g_autoptr(GdAccount) added = NULL;
  gint64 samples[RUNS];
  gint64 start;

  if (store == NULL)
    g_error ("%s", error->message);
  start = now_ns ();
  added = gd_accounts_add (store, &spec, "a password for the bench", &error);
  if (added == NULL)
    g_error ("%s", error->message);
  printf ("Argon2id opslimit %d, memlimit %u MiB\n", GD_ACCOUNT_PWHASH_OPSLIMIT,
          GD_ACCOUNT_PWHASH_MEMLIMIT >> 20);
  printf ("hash (account add): %.3f s\n", (now_ns () - start) / 1e9);
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GdAccount) account = NULL;

      start = now_ns ();
      account = gd_accounts_sign_in (store, "admin", "a password for the bench", &error);
      samples[i] = now_ns () - start;
      if (account == NULL)
        g_error ("%s", error->message);
    }
  qsort (samples, RUNS, sizeof samples[0], compare_gint64);
  printf ("verification (sign-in), median of %d: %.3f s (fastest %.3f s, slowest %.3f s)\n",
          RUNS, samples[RUNS / 2] / 1e9, samples[0] / 1e9, samples[RUNS - 1] / 1e9);
  g_clear_pointer (&store, gd_store_free);
  bench_remove_town (path, dir);
  return 0;
}
