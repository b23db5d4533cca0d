/* gd-session.c: see gd-session.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gd-session"
#include "config.h"

#include "gd-session.h"

struct _GdSession
{
  GObject           parent_instance;

  GSettings        *settings;
  GdStore          *store;
  GdOperator       *operator;      /* NULL until set */
  GPtrArray        *old_operators; /* replaced ones: editors may still point at them */
  GdSyncController *sync;

  guint             poll_source;
  gint64            data_version;  /* of the store's connection at the last look */
  gint64            change_seq;    /* every change up to this one has been told */
};

G_DEFINE_FINAL_TYPE (GdSession, gd_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_OPERATOR,
  PROP_SYNC_CONTROLLER,
  N_PROPS
};

enum {
  DOCUMENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- telling of writes ---- */

static void
emit_changed (GdStore    *store,
              const char *id,
              GdDocType   type,
              gpointer    user_data)
{
  GdSession *self = user_data;

  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, id, (int) type);
}

void
gd_session_check_changes (GdSession *self)
{
  g_autoptr(GError) error = NULL;
  gint64 version, current;

  g_return_if_fail (GD_IS_SESSION (self));
  if (self->store == NULL)
    return;
  version = gd_store_get_data_version (self->store);
  if (version == self->data_version)
    return;
  self->data_version = version;
  current = gd_store_get_change_seq (self->store);
  if (current < 0 || current == self->change_seq)
    return;
  if (current - self->change_seq > GD_SESSION_MAX_CHANGES)
    {
      self->change_seq = current;
      g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, NULL, (int) GD_DOC_UNKNOWN);
      return;
    }
  /* local writes in between are told again: a view refreshes twice, nothing is missed */
  if (!gd_store_foreach_change_since (self->store, self->change_seq, 0, emit_changed, self,
                                      &self->change_seq, &error))
    g_warning ("Cannot read what another connection wrote: %s", error->message);
}

static gboolean
poll_cb (gpointer user_data)
{
  GdSession *self = GD_SESSION (user_data);

  /* while our sync runs its batches are told once, when it has finished: views do not
   * reload every second of a first sync */
  if (self->sync == NULL || !gd_sync_controller_get_busy (self->sync))
    gd_session_check_changes (self);
  return G_SOURCE_CONTINUE;
}

/* ---- the store ---- */

static void
sync_controller_dispose (GdSyncController *controller)
{
  /* cancels a running sync and lets go of the store: the worker's task may outlive us */
  g_object_run_dispose (G_OBJECT (controller));
  g_object_unref (controller);
}

void
gd_session_set_store (GdSession *self,
                      GdStore   *store)
{
  g_autoptr(GdStore) old = NULL;

  g_return_if_fail (GD_IS_SESSION (self));

  if (self->store == store)
    return;
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_pointer (&self->sync, sync_controller_dispose);
  /* the old store closes only after everyone was told of the new one (views borrow it) */
  old = g_steal_pointer (&self->store);
  if (old != NULL)
    gd_store_set_changed_func (old, NULL, NULL, NULL);

  if (store != NULL)
    {
      self->store = gd_store_ref (store);
      gd_store_set_changed_func (store, emit_changed, self, NULL);
      self->data_version = gd_store_get_data_version (store);
      self->change_seq = gd_store_get_change_seq (store);
      self->poll_source = g_timeout_add (GD_SESSION_POLL_MS, poll_cb, self);
      g_source_set_name_by_id (self->poll_source, "[griddesk] session poll");
      if (self->settings != NULL)
        {
          self->sync = gd_sync_controller_new (self->settings, store);
          gd_sync_controller_set_actor (self->sync, gd_session_get_actor (self));
          /* what a sync wrote (its own connection) is told at once, not at the next poll */
          g_signal_connect_object (self->sync, "finished",
                                   G_CALLBACK (gd_session_check_changes), self,
                                   G_CONNECT_SWAPPED);
          /* a local edit: the pending count follows */
          gd_session_watch (self, 0, self->sync, (GdSessionReloadFunc) gd_sync_controller_refresh);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_CONTROLLER]);
}

GdStore *
gd_session_get_store (GdSession *self)
{
  g_return_val_if_fail (GD_IS_SESSION (self), NULL);
  return self->store;
}

GdSyncController *
gd_session_get_sync_controller (GdSession *self)
{
  g_return_val_if_fail (GD_IS_SESSION (self), NULL);
  return self->sync;
}

GSettings *
gd_session_get_settings (GdSession *self)
{
  g_return_val_if_fail (GD_IS_SESSION (self), NULL);
  return self->settings;
}

/* ---- the operator ---- */

static gboolean
same_operator (const GdOperator *a,
               const GdOperator *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->name, b->name) == 0 && a->role == b->role;
}

/* Takes `op`. */
static void
replace_operator (GdSession  *self,
                  GdOperator *op)
{
  if (op == NULL)
    return; /* a name cannot be unset: the last one stays */
  if (same_operator (self->operator, op))
    {
      gd_operator_free (op);
      return;
    }
  if (self->operator != NULL)
    g_ptr_array_add (self->old_operators, self->operator);
  self->operator = op;
  if (self->sync != NULL)
    gd_sync_controller_set_actor (self->sync, op->name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

static void
on_operator_settings_changed (GSettings  *settings,
                              const char *key,
                              GdSession  *self)
{
  replace_operator (self, gd_operator_from_settings (settings));
}

const GdOperator *
gd_session_get_operator (GdSession *self)
{
  g_return_val_if_fail (GD_IS_SESSION (self), NULL);
  return self->operator;
}

const char *
gd_session_get_actor (GdSession *self)
{
  g_return_val_if_fail (GD_IS_SESSION (self), NULL);
  return self->operator != NULL ? self->operator->name : NULL;
}

void
gd_session_set_operator (GdSession        *self,
                         const GdOperator *op)
{
  g_return_if_fail (GD_IS_SESSION (self));

  replace_operator (self, gd_operator_copy (op));
  if (op != NULL)
    gd_operator_save (op, self->settings);
}

/* ---- views refreshing themselves ---- */

typedef struct {
  GdSession          *session; /* not owned: the session outlives the signal connection */
  GWeakRef            object;
  guint               types;
  GdSessionReloadFunc reload;
  guint               idle;
} Watch;

#define WATCH_KEY "gd-session-watch"

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_clear_handle_id (&watch->idle, g_source_remove);
  g_weak_ref_clear (&watch->object);
  g_free (watch);
}

static gboolean
watch_idle_cb (gpointer data)
{
  Watch *watch = data;
  g_autoptr(GObject) object = g_weak_ref_get (&watch->object);

  watch->idle = 0;
  if (object != NULL)
    watch->reload (object);
  return G_SOURCE_REMOVE;
}

static void
on_watched_document_changed (GdSession  *session,
                             const char *id,
                             int         type,
                             GObject    *object)
{
  Watch *watch = g_object_get_data (object, WATCH_KEY);

  if (watch == NULL || watch->idle != 0)
    return;
  if (watch->types != 0 && type != GD_DOC_UNKNOWN && (watch->types & GD_DOC_MASK (type)) == 0)
    return;
  watch->idle = g_idle_add (watch_idle_cb, watch);
  g_source_set_name_by_id (watch->idle, "[griddesk] view refresh");
}

void
gd_session_watch (GdSession          *self,
                  guint               types,
                  gpointer            object,
                  GdSessionReloadFunc reload)
{
  Watch *watch;

  g_return_if_fail (GD_IS_SESSION (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (reload != NULL);
  g_return_if_fail (g_object_get_data (object, WATCH_KEY) == NULL);

  watch = g_new0 (Watch, 1);
  watch->session = self;
  g_weak_ref_init (&watch->object, object);
  watch->types = types;
  watch->reload = reload;
  g_object_set_data_full (object, WATCH_KEY, watch, watch_free);
  g_signal_connect_object (self, "document-changed",
                           G_CALLBACK (on_watched_document_changed), object, 0);
}

#define FOLLOW_KEY "gd-session-follow-store"

static void
on_followed_store_notify (GdSession  *session,
                          GParamSpec *pspec,
                          GObject    *object)
{
  GdSessionStoreFunc set_store = (GdSessionStoreFunc) g_object_get_data (object, FOLLOW_KEY);

  set_store (object, session->store);
}

void
gd_session_follow_store (GdSession          *self,
                         gpointer            object,
                         GdSessionStoreFunc  set_store)
{
  g_return_if_fail (GD_IS_SESSION (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (set_store != NULL);
  g_return_if_fail (g_object_get_data (object, FOLLOW_KEY) == NULL);

  g_object_set_data (object, FOLLOW_KEY, (gpointer) set_store);
  g_signal_connect_object (self, "notify::store", G_CALLBACK (on_followed_store_notify), object, 0);
  set_store (object, self->store);
}

/* ---- the object ---- */

GdSession *
gd_session_new (GSettings *settings)
{
  return g_object_new (GD_TYPE_SESSION, "settings", settings, NULL);
}

static void
gd_session_constructed (GObject *object)
{
  GdSession *self = GD_SESSION (object);

  G_OBJECT_CLASS (gd_session_parent_class)->constructed (object);
  if (self->settings != NULL)
    {
      self->operator = gd_operator_from_settings (self->settings);
      g_signal_connect_object (self->settings, "changed::operator-name",
                               G_CALLBACK (on_operator_settings_changed), self, 0);
      g_signal_connect_object (self->settings, "changed::operator-role",
                               G_CALLBACK (on_operator_settings_changed), self, 0);
    }
}

static void
gd_session_dispose (GObject *object)
{
  GdSession *self = GD_SESSION (object);

  if (self->store != NULL)
    gd_session_set_store (self, NULL);
  G_OBJECT_CLASS (gd_session_parent_class)->dispose (object);
}

static void
gd_session_finalize (GObject *object)
{
  GdSession *self = GD_SESSION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->operator, gd_operator_free);
  g_clear_pointer (&self->old_operators, g_ptr_array_unref);
  G_OBJECT_CLASS (gd_session_parent_class)->finalize (object);
}

static void
gd_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GdSession *self = GD_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_boxed (value, self->store);
      break;
    case PROP_OPERATOR:
      g_value_set_boxed (value, self->operator);
      break;
    case PROP_SYNC_CONTROLLER:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GdSession *self = GD_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_STORE:
      gd_session_set_store (self, g_value_get_boxed (value));
      break;
    case PROP_OPERATOR:
      gd_session_set_operator (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gd_session_class_init (GdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gd_session_constructed;
  object_class->dispose = gd_session_dispose;
  object_class->finalize = gd_session_finalize;
  object_class->get_property = gd_session_get_property;
  object_class->set_property = gd_session_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_boxed ("store", NULL, NULL, GD_TYPE_STORE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR] =
    g_param_spec_boxed ("operator", NULL, NULL, GD_TYPE_OPERATOR,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_CONTROLLER] =
    g_param_spec_object ("sync-controller", NULL, NULL, GD_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GdSession::document-changed:
   * @id: (nullable): the document's _id; NULL when many changed at once
   * @type: its GdDocType; GD_DOC_UNKNOWN with a NULL id
   *
   * After every committed write of a document: local, from sync or from another connection.
   */
  signals[DOCUMENT_CHANGED] =
    g_signal_new ("document-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
}

static void
gd_session_init (GdSession *self)
{
  self->old_operators = g_ptr_array_new_with_free_func ((GDestroyNotify) gd_operator_free);
}
