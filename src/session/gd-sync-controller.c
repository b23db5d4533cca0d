/* gd-sync-controller.c: runs gd_sync_run() in a GTask thread with its own store connection and
 * the password from the secret store; reports progress to the main thread.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-sync-controller"
#include "config.h"

#include <glib/gi18n.h>

#include "gd-couch.h"
#include "gd-error.h"
#include "gd-json.h"
#include "gd-secret.h"
#include "gd-store-quarantine.h"
#include "gd-store-sync.h"
#include "gd-sync-controller.h"
#include "gd-sync.h"

struct _GdSyncController
{
  GObject         parent_instance;

  GSettings      *settings;
  GdStore        *store;
  char           *actor;   /* the session's operator, or NULL */
  GNetworkMonitor *monitor;
  GCancellable   *cancellable; /* while a sync runs */
  guint           timer;
  char           *status;
  char           *error;
  double          fraction;
  gint64          pending;
  guint           n_conflicts;
  guint           n_rejected;
  gboolean        online;
  char           *last_sync;   /* local time "HH:MM" of the last success */
};

G_DEFINE_FINAL_TYPE (GdSyncController, gd_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_STATUS,
  PROP_FRACTION,
  PROP_PENDING,
  PROP_N_CONFLICTS,
  N_PROPS
};

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the worker needs, copied on the main thread: GSettings stays there. */
typedef struct {
  char   *path;
  char   *server;
  char   *account;
  char   *ca_file;
  GStrv   databases;
  gboolean token;
  GdSyncController *self; /* a reference, for progress */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->server);
  g_free (job->account);
  g_free (job->ca_file);
  g_strfreev (job->databases);
  g_clear_object (&job->self);
  g_free (job);
}

gboolean
gd_sync_controller_get_busy (GdSyncController *self)
{
  return self->cancellable != NULL;
}

gboolean
gd_sync_controller_get_configured (GdSyncController *self)
{
  g_autofree char *server = NULL;
  g_autofree char *account = NULL;

  if (self->settings == NULL)
    return FALSE;
  server = g_settings_get_string (self->settings, "server-url");
  account = g_settings_get_string (self->settings, "sync-account");
  return *server != '\0' && *account != '\0';
}

gboolean
gd_sync_controller_get_online (GdSyncController *self)
{
  return self->online;
}

const char *
gd_sync_controller_get_status (GdSyncController *self)
{
  return self->status;
}

const char *
gd_sync_controller_get_error (GdSyncController *self)
{
  return self->error;
}

double
gd_sync_controller_get_fraction (GdSyncController *self)
{
  return self->fraction;
}

gint64
gd_sync_controller_get_pending (GdSyncController *self)
{
  return self->pending;
}

guint
gd_sync_controller_get_n_conflicts (GdSyncController *self)
{
  return self->n_conflicts;
}

guint
gd_sync_controller_get_n_rejected (GdSyncController *self)
{
  return self->n_rejected;
}

GdStore *
gd_sync_controller_get_store (GdSyncController *self)
{
  return self->store;
}

char *
gd_sync_controller_dup_actor (GdSyncController *self)
{
  return g_strdup (self->actor != NULL ? self->actor : g_get_user_name ());
}

void
gd_sync_controller_set_actor (GdSyncController *self,
                              const char       *actor)
{
  g_return_if_fail (GD_IS_SYNC_CONTROLLER (self));

  g_free (self->actor);
  self->actor = actor != NULL && *actor != '\0' ? g_strdup (actor) : NULL;
}

static void
set_status (GdSyncController *self,
            char             *status)
{
  g_free (self->status);
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* The line for the header bar when nothing runs. */
static void
update_idle_status (GdSyncController *self)
{
  if (!gd_sync_controller_get_configured (self))
    set_status (self, g_strdup (_("Not syncing")));
  else if (!self->online)
    set_status (self, g_strdup (_("Offline")));
  else if (self->error != NULL)
    set_status (self, g_strdup (_("Sync failed")));
  else if (self->last_sync != NULL)
    /* Translators: the time of day of the last successful sync */
    set_status (self, g_strdup_printf (_("Synced %s"), self->last_sync));
  else
    set_status (self, g_strdup (_("Not yet synced")));
}

void
gd_sync_controller_refresh (GdSyncController *self)
{
  g_autoptr(GPtrArray) conflicts = self->store ? gd_store_sync_conflicts (self->store, NULL, NULL) : NULL;
  g_autoptr(GPtrArray) rejected = self->store ? gd_store_sync_rejections (self->store, NULL) : NULL;
  g_autoptr(GPtrArray) quarantined = self->store ? gd_store_sync_quarantined (self->store, NULL) : NULL;
  g_autoptr(GHashTable) records = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->store == NULL)
    return; /* disposed: the window's store is gone */
  self->pending = gd_store_sync_pending_count (self->store);
  /* the badge counts records, not fields */
  for (guint i = 0; conflicts && i < conflicts->len; i++)
    g_hash_table_add (records, ((GdSyncConflict *) conflicts->pdata[i])->doc_id);
  self->n_conflicts = g_hash_table_size (records);
  /* server documents refused here count with the records the server refused */
  self->n_rejected = (rejected ? rejected->len : 0) + (quarantined ? quarantined->len : 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
  if (!gd_sync_controller_get_busy (self))
    update_idle_status (self);
}

/* ---- the worker ---- */

typedef struct {
  GdSyncController *self;
  GdSyncPhase       phase;
  guint64           done;
  guint64           total;
} Progress;

static gboolean
progress_idle (gpointer data)
{
  Progress *progress = data;
  GdSyncController *self = progress->self;

  if (gd_sync_controller_get_busy (self))
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, progress->done);

      if (progress->phase == GD_SYNC_PHASE_PUSH)
        /* Translators: how many records were sent to the county server so far */
        set_status (self, g_strdup_printf (_("Uploading… %s"), count));
      else if (progress->phase == GD_SYNC_PHASE_CONNECT)
        set_status (self, g_strdup (_("Connecting…")));
      else
        /* Translators: how many records were received from the county server so far */
        set_status (self, g_strdup_printf (_("Receiving… %s"), count));
      self->fraction = progress->total > 0 ? MIN (1.0, (double) progress->done / progress->total) : -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  g_object_unref (progress->self);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
on_progress (GdSyncPhase phase,
             guint64     done,
             guint64     total,
             gpointer    user_data)
{
  Job *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (job->self);
  progress->phase = phase;
  progress->done = done;
  progress->total = total;
  g_idle_add (progress_idle, progress);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GdCouch) couch = NULL;
  g_autoptr(GPtrArray) databases = NULL;
  char *secret = NULL;
  GdSyncOptions options = { .progress = on_progress, .progress_data = job };

  if ((store = gd_store_open (job->path, &error)) == NULL
      || (couch = gd_couch_new (job->server, &error)) == NULL
      || (job->ca_file != NULL && *job->ca_file != '\0' && !gd_couch_set_ca_file (couch, job->ca_file, &error))
      || (databases = gd_sync_databases (store, (const char *const *) job->databases, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  secret = gd_secret_lookup (job->server, job->account, &error);
  if (secret == NULL)
    {
      if (error == NULL)
        g_set_error (&error, GD_ERROR, GD_ERROR_USAGE,
                     _("no password saved for %s: enter it in Preferences → Sync"), job->account);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->token)
    gd_couch_set_bearer (couch, secret);
  else if (!gd_couch_login (couch, job->account, secret, cancellable, &error))
    {
      gd_secret_free (secret);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gd_secret_free (secret);

  for (guint i = 0; i < databases->len; i++)
    {
      const char *database = databases->pdata[i];
      if (!gd_sync_run (store, couch, database, &options, NULL, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GdSyncController *self = GD_SYNC_CONTROLLER (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    return; /* the window went away meanwhile */
  g_clear_pointer (&self->error, g_free);
  if (ok)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_free (self->last_sync);
      self->last_sync = g_date_time_format (now, "%H:%M");
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->error = g_strdup (error->message);
  self->fraction = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  gd_sync_controller_refresh (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, ok);
}

void
gd_sync_controller_sync_now (GdSyncController *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (GD_IS_SYNC_CONTROLLER (self));
  if (self->store == NULL || gd_sync_controller_get_busy (self) || !gd_sync_controller_get_configured (self))
    return;

  job = g_new0 (Job, 1);
  job->path = g_strdup (gd_store_get_path (self->store));
  job->server = g_settings_get_string (self->settings, "server-url");
  job->account = g_settings_get_string (self->settings, "sync-account");
  job->ca_file = g_settings_get_string (self->settings, "sync-ca-file");
  job->databases = g_settings_get_strv (self->settings, "sync-databases");
  job->token = g_settings_get_boolean (self->settings, "sync-use-token");
  job->self = g_object_ref (self);

  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->error, g_free);
  self->fraction = -1;
  set_status (self, g_strdup (_("Connecting…")));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  task = g_task_new (self, self->cancellable, sync_done, NULL);
  g_task_set_source_tag (task, gd_sync_controller_sync_now);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, sync_thread);
}

void
gd_sync_controller_cancel (GdSyncController *self)
{
  g_return_if_fail (GD_IS_SYNC_CONTROLLER (self));
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      set_status (self, g_strdup (_("Cancelling…")));
    }
}

/* ---- schedule and network ---- */

static gboolean
on_timer (gpointer user_data)
{
  GdSyncController *self = user_data;

  if (self->online)
    gd_sync_controller_sync_now (self);
  return G_SOURCE_CONTINUE;
}

static void
reschedule (GdSyncController *self)
{
  guint minutes = g_settings_get_uint (self->settings, "sync-interval-minutes");

  g_clear_handle_id (&self->timer, g_source_remove);
  if (minutes > 0)
    self->timer = g_timeout_add_seconds (minutes * 60, on_timer, self);
}

static void
on_settings_changed (GSettings        *settings,
                     const char       *key,
                     GdSyncController *self)
{
  if (g_str_equal (key, "sync-interval-minutes"))
    reschedule (self);
  if (!gd_sync_controller_get_busy (self))
    update_idle_status (self);
}

static void
on_network_changed (GNetworkMonitor  *monitor,
                    gboolean          available,
                    GdSyncController *self)
{
  gboolean was_online = self->online;

  self->online = available;
  if (!gd_sync_controller_get_busy (self))
    update_idle_status (self);
  /* back online with changes waiting: send them now rather than at the next tick */
  if (available && !was_online && self->pending > 0)
    gd_sync_controller_sync_now (self);
}

static void
gd_sync_controller_dispose (GObject *object)
{
  GdSyncController *self = GD_SYNC_CONTROLLER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_pointer (&self->store, gd_store_unref);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gd_sync_controller_parent_class)->dispose (object);
}

static void
gd_sync_controller_finalize (GObject *object)
{
  GdSyncController *self = GD_SYNC_CONTROLLER (object);

  g_free (self->actor);
  g_free (self->status);
  g_free (self->error);
  g_free (self->last_sync);
  G_OBJECT_CLASS (gd_sync_controller_parent_class)->finalize (object);
}

static void
gd_sync_controller_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GdSyncController *self = GD_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, gd_sync_controller_get_busy (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_sync_controller_class_init (GdSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gd_sync_controller_dispose;
  object_class->finalize = gd_sync_controller_finalize;
  object_class->get_property = gd_sync_controller_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, -1, 1, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, -1, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] = g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
gd_sync_controller_init (GdSyncController *self)
{
}

GdSyncController *
gd_sync_controller_new (GSettings *settings,
                        GdStore   *store)
{
  GdSyncController *self = g_object_new (GD_TYPE_SYNC_CONTROLLER, NULL);

  self->settings = g_object_ref (settings);
  self->store = gd_store_ref (store);
  self->monitor = g_network_monitor_get_default ();
  self->online = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed), self);
  g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed), self);
  reschedule (self);
  gd_sync_controller_refresh (self);
  return self;
}
