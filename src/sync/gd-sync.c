/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-sync"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gd-couch-rows.h"
#include "gd-couch-url.h"
#include "gd-error.h"
#include "gd-household-reader.h"
#include "gd-json.h"
#include "gd-store-attachments.h"
#include "gd-store-sync.h"
#include "gd-sync.h"

#define DEFAULT_PAGE 1000
/* A first sync's _all_docs pages are bigger: each request costs the server a lookup of its
 * startkey and a reply's framing; 2,500 households (2.7 MB) took pouchdb-server 10% less
 * CPU over 100,000 than 1,000 did, and three such pages in flight are still little memory. */
#define DEFAULT_ALL_DOCS_PAGE 2500
/* a document that keeps conflicting is left for the next sync after this many merges */
#define MAX_CONFLICT_ROUNDS 3

typedef struct {
  GdStore             *store;
  GdCouch             *couch;
  const char          *database;
  char                *village; /* from griddesk-<village>, or NULL */
  gsize                page;
  gsize                all_docs_page;
  const GdSyncOptions *options;
  GdSyncReport        *report;
  GCancellable        *cancellable;
} Run;

static void
progress (Run        *run,
          GdSyncPhase phase,
          guint64     done,
          guint64     total)
{
  if (run->options && run->options->progress)
    run->options->progress (phase, done, total, run->options->progress_data);
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static char *
node_to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static gboolean
bad_reply (GError    **error,
           const char *what)
{
  /* Translators: which request's answer was not what CouchDB sends */
  g_set_error (error, GD_ERROR, GD_ERROR_NETWORK, _("the server's answer to %s is not what CouchDB sends"), what);
  return FALSE;
}

/* ---- attachments down ---- */

/* Why these bytes are not the attachment the stub describes, or NULL. */
static char *
attachment_mismatch (JsonObject *stub,
                     GBytes     *bytes)
{
  const char *digest = gd_json_get_string (stub, "digest");
  gint64 length = -1;
  gsize size = g_bytes_get_size (bytes);

  if (gd_json_get_int (stub, "length", &length) && length >= 0 && (guint64) length != size)
    /* Translators: two sizes in bytes */
    return g_strdup_printf (_("its bytes are %llu long, its stub says %lld"),
                            (unsigned long long) size, (long long) length);
  if (digest != NULL && g_str_has_prefix (digest, "md5-"))
    {
      g_autofree char *actual = gd_attachment_digest (bytes);
      if (g_strcmp0 (actual, digest) != 0)
        return g_strdup (_("its bytes do not match the digest of its stub"));
    }
  return NULL;
}

/* An attachment that cannot be kept is listed with the refused documents; the document
 * stays, the sync goes on. */
static gboolean
refuse_attachment (Run        *run,
                   JsonObject *doc,
                   const char *name,
                   const char *why,
                   GError    **error)
{
  g_autofree char *shown = gd_sync_escape_text (name, 120);
  /* Translators: an attachment's file name, then why it was not kept */
  g_autofree char *reason = g_strdup_printf (_("attachment “%s” not kept: %s"), shown, why);
  const char *id = gd_json_get_string (doc, "_id");

  g_message ("%s: %s", id, reason);
  run->report->quarantined++;
  return gd_store_sync_quarantine (run->store, id, gd_json_get_string (doc, "_rev"), reason, NULL,
                                   error);
}

static gboolean
download_attachments (Run        *run,
                      GPtrArray  *docs,
                      GError    **error)
{
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = docs->pdata[i];
      JsonObject *attachments = gd_json_get_object (doc, "_attachments");
      const char *id = gd_json_get_string (doc, "_id");
      g_autoptr(GList) names = attachments ? json_object_get_members (attachments) : NULL;

      /* only documents the store took (not refused ones, not design documents) */
      if (id == NULL || *id == '_' || !gd_store_sync_holds (run->store, id))
        continue;
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *stub = gd_json_get_object (attachments, l->data);
          const char *digest = stub ? gd_json_get_string (stub, "digest") : NULL;
          g_autofree char *doc_path = NULL;
          g_autofree char *name = NULL;
          g_autofree char *path = NULL;
          g_autofree char *content_type = NULL;
          g_autofree char *mismatch = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) local_error = NULL;
          gboolean too_big = FALSE;
          gint64 length = 0;

          if (stub == NULL || gd_store_sync_has_attachment (run->store, id, l->data, digest))
            continue;
          if (gd_json_get_int (stub, "length", &length) && length > GD_ATTACHMENT_MAX_LENGTH)
            {
              g_autofree char *size = g_format_size_full ((guint64) length, G_FORMAT_SIZE_IEC_UNITS);
              g_autofree char *limit = g_format_size_full (GD_ATTACHMENT_MAX_LENGTH, G_FORMAT_SIZE_IEC_UNITS);
              /* Translators: two sizes such as "300.0 MiB" */
              g_autofree char *why = g_strdup_printf (_("%s is over the %s limit"), size, limit);
              if (!refuse_attachment (run, doc, l->data, why, error))
                return FALSE;
              continue;
            }
          doc_path = gd_couch_doc_path (run->database, id);
          name = escape (l->data);
          path = g_strdup_printf ("%s/%s", doc_path, name);
          /* streamed to the local upload limit, never more */
          bytes = gd_couch_request_capped (run->couch, "GET", path, NULL, &content_type,
                                           GD_ATTACHMENT_MAX_LENGTH, &too_big, run->cancellable,
                                           &local_error);
          if (bytes == NULL)
            {
              /* the network or a cancel stops the sync; an attachment too big does not */
              if (!too_big)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              if (!refuse_attachment (run, doc, l->data, local_error->message, error))
                return FALSE;
              continue;
            }
          if ((mismatch = attachment_mismatch (stub, bytes)) != NULL)
            {
              if (!refuse_attachment (run, doc, l->data, mismatch, error))
                return FALSE;
              continue;
            }
          if (!gd_store_sync_save_attachment (run->store, id, l->data,
                                              gd_json_get_string (stub, "content_type"),
                                              digest, bytes, error))
            return FALSE;
          run->report->attachments_down++;
          progress (run, GD_SYNC_PHASE_ATTACHMENTS, run->report->attachments_down, 0);
        }
    }
  return TRUE;
}

/* Writes a batch (and its state) without touching the network. */
static gboolean
apply_batch (Run               *run,
             GPtrArray         *docs,
             GPtrArray         *incoming,
             const GdSyncState *state,
             GError           **error)
{
  GdSyncApplyStats stats = { 0 };

  if (!(incoming != NULL ? gd_store_sync_apply_prepared (run->store, incoming, state, &stats, error)
                         : gd_store_sync_apply (run->store, docs, state, &stats, error)))
    return FALSE;
  run->report->pulled += stats.applied + stats.merged;
  run->report->merged += stats.merged;
  run->report->conflicts += stats.conflicts;
  run->report->skipped += stats.skipped;
  run->report->quarantined += stats.quarantined;
  return TRUE;
}

static gboolean
apply (Run               *run,
       GPtrArray         *docs,
       const GdSyncState *state,
       GError           **error)
{
  return apply_batch (run, docs, NULL, state, error) && download_attachments (run, docs, error);
}

/* ---- pull ---- */

/* First sync: _all_docs pages by key, the state saved with each page. Three threads overlap
 * the server's work, JSON and SQLite: a fetcher asks for a page and, from a quick scan of it,
 * at once for the next; a parser turns each page into documents, their text and search
 * keys; the caller writes them. At most PAGES_AHEAD pages are in flight. Attachments are
 * fetched after the last page, so only one thread uses the HTTP session at a time. */
#define PAGES_AHEAD 3
/* Pages commit together, with the key of the last one, up to this many documents: every
 * commit rewrites the index pages it touched (WAL), so few big transactions are several
 * times faster than one per page; a crash repeats at most one group. */
#define GROUP_DOCS 20000

typedef struct {
  GBytes    *reply;    /* as fetched, until parsed */
  GPtrArray *rows;     /* GdCouchRow *: own the documents' text (and trees, when built) */
  GPtrArray *incoming; /* GdSyncIncoming *, one per row */
  char      *last_key; /* JSON text */
  GError    *error;
  gboolean   last;
} Page;

static void
incoming_free (GdSyncIncoming *incoming)
{
  gd_sync_judgment_free (incoming->judgment);
  if (incoming->search_rows != NULL)
    g_ptr_array_unref (incoming->search_rows);
  gd_household_fields_free ((GdHouseholdFields *) incoming->household);
  g_free (incoming);
}

static void
page_free (Page *page)
{
  g_clear_pointer (&page->reply, g_bytes_unref);
  g_clear_pointer (&page->incoming, g_ptr_array_unref);
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_free (page->last_key);
  g_clear_error (&page->error);
  g_free (page);
}

/* the fetcher's last word to the parser */
#define END_OF_PAGES GINT_TO_POINTER (2)

typedef struct {
  Run          *run;
  char         *next_key;
  GAsyncQueue  *fetched; /* Page * with its reply, then END_OF_PAGES */
  GAsyncQueue  *pages;   /* Page *, parsed */
  GAsyncQueue  *slots;   /* one token per page the fetcher may read ahead: SLOT, or a page the
                          * writer is done with, for the fetcher to free (freeing a page's
                          * JSON tree took ~9% of the writer's time) */
  GCancellable *cancellable;
  GHashTable   *seen_keys; /* every page's last key: a page must end somewhere new */
} Fetcher;

static Page *
fetch_page (Fetcher *fetcher)
{
  Run *run = fetcher->run;
  Page *page = g_new0 (Page, 1);
  guint n_rows = 0;
  gsize length;
  const char *data;

  /* a page over the reply cap (documents bigger than most) is asked for again in quarters,
   * down to one document (only this thread reads all_docs_page) */
  for (;;)
    {
      g_autofree char *path = NULL;
      gboolean too_big = FALSE;

      if (fetcher->next_key != NULL)
        {
          g_autofree char *key = escape (fetcher->next_key);
          path = g_strdup_printf ("/%s/_all_docs?include_docs=true&limit=%" G_GSIZE_FORMAT
                                  "&startkey=%s&skip=1", run->database, run->all_docs_page, key);
        }
      else
        path = g_strdup_printf ("/%s/_all_docs?include_docs=true&limit=%" G_GSIZE_FORMAT,
                                run->database, run->all_docs_page);
      page->reply = gd_couch_request_capped (run->couch, "GET", path, NULL, NULL,
                                             gd_couch_get_max_reply (run->couch), &too_big,
                                             fetcher->cancellable, &page->error);
      if (page->reply != NULL)
        break;
      if (!too_big || run->all_docs_page == 1)
        return page;
      g_debug ("%s: over the reply cap, asking for pages of %" G_GSIZE_FORMAT, path,
               MAX (run->all_docs_page / 4, 1));
      g_clear_error (&page->error);
      run->all_docs_page = MAX (run->all_docs_page / 4, 1);
    }
  data = g_bytes_get_data (page->reply, &length);
  if (!gd_couch_rows_scan (data, length, &n_rows, &page->last_key, &page->error))
    return page;
  page->last = n_rows < run->all_docs_page;
  if (n_rows > 0 && (page->last_key == NULL || !g_hash_table_add (fetcher->seen_keys,
                                                                  g_strdup (page->last_key))))
    {
      g_autofree char *shown = gd_sync_escape_text (page->last_key ? page->last_key : "null", 120);
      g_set_error (&page->error, GD_ERROR, GD_ERROR_NETWORK,
                   /* Translators: %s is the key of a row, as JSON */
                   _("the server's _all_docs answered a page that ends where an earlier one did "
                     "(key %s): it does not honour startkey, so the sync would never end; "
                     "stopped"), shown);
      g_clear_pointer (&page->reply, g_bytes_unref);
    }
  return page;
}

/* Documents, their text and search keys, while the writer writes the page before. A plain
 * household (most of a village) is read into its fields without a json-glib tree; anything
 * else gets its tree. */
static void
parse_page (Page       *page,
            const char *village)
{
  gsize length;
  const char *data = g_bytes_get_data (page->reply, &length);

  page->incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) incoming_free);
  page->rows = gd_couch_rows_split (data, length, &page->error);
  g_clear_pointer (&page->reply, g_bytes_unref);
  for (guint i = 0; page->rows != NULL && i < page->rows->len; i++)
    {
      GdCouchRow *row = page->rows->pdata[i];
      GdSyncIncoming *incoming = g_new0 (GdSyncIncoming, 1);
      gsize body_length = strlen (row->body);
      GdHouseholdFields *household = gd_household_read (row->body, body_length);

      incoming->body = row->body;
      g_ptr_array_add (page->incoming, incoming);
      if (household != NULL)
        {
          incoming->household = household;
          incoming->search_rows = gd_store_sync_household_search_rows (household);
          /* its tree too, for the writer to check it as a local write would be */
          row->doc = gd_couch_doc_parse (row->body, body_length, &page->error);
          if (row->doc == NULL)
            return;
          incoming->tree = row->doc;
        }
      else
        {
          row->doc = gd_couch_doc_parse (row->body, body_length, &page->error);
          if (row->doc == NULL)
            return;
          incoming->doc = row->doc;
          incoming->search_rows = gd_store_sync_search_rows (row->doc);
        }
      /* what needs no store is checked here, while the writer writes the page before */
      if (village != NULL)
        incoming->judgment = gd_sync_judge_ahead (row->doc, row->body, village);
    }
}

#define SLOT GINT_TO_POINTER (1)

static void
slot_free (gpointer token)
{
  if (token != SLOT)
    page_free (token);
}

static gpointer
fetch_pages (gpointer data)
{
  Fetcher *fetcher = data;

  for (;;)
    {
      Page *page;
      gboolean done;

      slot_free (g_async_queue_pop (fetcher->slots));
      if (g_cancellable_is_cancelled (fetcher->cancellable))
        break;
      page = fetch_page (fetcher);
      done = page->error != NULL || page->last;
      if (page->last_key != NULL)
        {
          g_free (fetcher->next_key);
          fetcher->next_key = g_strdup (page->last_key);
        }
      g_async_queue_push (fetcher->fetched, page);
      if (done)
        break;
    }
  g_async_queue_push (fetcher->fetched, END_OF_PAGES);
  return NULL;
}

static gpointer
parse_pages (gpointer data)
{
  Fetcher *fetcher = data;
  Page *page;

  while ((page = g_async_queue_pop (fetcher->fetched)) != END_OF_PAGES)
    {
      if (page->error == NULL)
        parse_page (page, fetcher->run->village);
      g_async_queue_push (fetcher->pages, page);
    }
  return NULL;
}

static void
on_run_cancelled (GCancellable *cancellable,
                  GCancellable *fetcher_cancellable)
{
  g_cancellable_cancel (fetcher_cancellable);
}

static gboolean
pull_all_docs (Run         *run,
               GdSyncState *state,
               guint64      total,
               GError     **error)
{
  Fetcher fetcher = {
    .run = run,
    .next_key = g_strdup (state->next_key),
    .fetched = g_async_queue_new (),
    .pages = g_async_queue_new_full ((GDestroyNotify) page_free),
    .slots = g_async_queue_new_full (slot_free),
    .cancellable = g_cancellable_new (),
    .seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autoptr(GPtrArray) with_attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  GThread *fetch_thread, *parse_thread;
  gulong handler = 0;
  gboolean ok = TRUE;
  gboolean in_group = FALSE;
  gsize group_docs = 0;
  guint64 done = 0;
  /* where the writer's time goes (G_MESSAGES_DEBUG=gd-sync) */
  gint64 waited = 0, applied = 0, committed = 0, mark;

  if (run->cancellable != NULL)
    handler = g_cancellable_connect (run->cancellable, G_CALLBACK (on_run_cancelled),
                                     g_object_ref (fetcher.cancellable), g_object_unref);
  if (fetcher.next_key != NULL)
    g_hash_table_add (fetcher.seen_keys, g_strdup (fetcher.next_key));
  for (guint i = 0; i < PAGES_AHEAD; i++)
    g_async_queue_push (fetcher.slots, SLOT);
  fetch_thread = g_thread_new ("gd-sync-fetch", fetch_pages, &fetcher);
  parse_thread = g_thread_new ("gd-sync-parse", parse_pages, &fetcher);

  for (;;)
    {
      Page *page;
      gboolean last;
      guint attached = with_attachments->len;

      /* cancelled: what is applied so far is kept (committed below) */
      if (g_cancellable_is_cancelled (run->cancellable))
        break;
      mark = g_get_monotonic_time ();
      page = g_async_queue_pop (fetcher.pages);
      waited += g_get_monotonic_time () - mark;
      last = page->last;
      if (page->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&page->error));
          page_free (page);
          ok = FALSE;
          break;
        }
      if (page->incoming->len == 0)
        {
          page_free (page);
          break;
        }
      if (!in_group)
        {
          if (!gd_store_begin (run->store, error))
            {
              page_free (page);
              ok = FALSE;
              break;
            }
          in_group = TRUE;
          group_docs = 0;
        }
      g_free (state->next_key);
      state->next_key = g_strdup (page->last_key);
      mark = g_get_monotonic_time ();
      ok = apply_batch (run, NULL, page->incoming, state, error);
      applied += g_get_monotonic_time () - mark;
      if (!ok)
        {
          gd_store_rollback (run->store);
          in_group = FALSE;
          page_free (page);
          ok = FALSE;
          break;
        }
      for (guint i = 0; i < page->incoming->len; i++)
        {
          /* a household read without a tree has no attachments */
          JsonObject *doc = ((GdSyncIncoming *) page->incoming->pdata[i])->doc;
          if (doc != NULL && gd_json_get_object (doc, "_attachments") != NULL)
            g_ptr_array_add (with_attachments, json_object_ref (doc));
        }
      done += page->incoming->len;
      group_docs += page->incoming->len;
      /* json-glib's reference counts are not atomic: a page whose documents are still
       * referenced here is freed here */
      if (with_attachments->len != attached)
        g_clear_pointer (&page, page_free);
      if (group_docs >= GROUP_DOCS || last)
        {
          in_group = FALSE;
          mark = g_get_monotonic_time ();
          ok = gd_store_commit (run->store, error);
          committed += g_get_monotonic_time () - mark;
          if (!ok)
            {
              gd_store_rollback (run->store);
              g_clear_pointer (&page, page_free);
              break;
            }
        }
      progress (run, GD_SYNC_PHASE_PULL, done, total);
      g_async_queue_push (fetcher.slots, page ? page : SLOT);
      if (last)
        break;
    }
  /* stopped by the network or a cancel: the pages applied so far are whole, keep them */
  if (in_group && !gd_store_commit (run->store, ok ? error : NULL))
    {
      gd_store_rollback (run->store);
      ok = FALSE;
    }

  /* stop the fetcher wherever it is, and wait for it */
  g_cancellable_cancel (fetcher.cancellable);
  g_async_queue_push (fetcher.slots, SLOT);
  g_thread_join (fetch_thread);
  /* the fetcher's END_OF_PAGES stops the parser */
  g_thread_join (parse_thread);
  if (handler != 0)
    g_cancellable_disconnect (run->cancellable, handler);
  g_object_unref (fetcher.cancellable);
  g_async_queue_unref (fetcher.pages);
  g_async_queue_unref (fetcher.fetched);
  g_async_queue_unref (fetcher.slots);
  g_free (fetcher.next_key);
  g_hash_table_unref (fetcher.seen_keys);

  g_debug ("first sync of %" G_GUINT64_FORMAT " documents: waited for pages %.2f s, applied "
           "%.2f s, committed %.2f s", done, waited / 1e6, applied / 1e6, committed / 1e6);

  if (ok && g_cancellable_set_error_if_cancelled (run->cancellable, error))
    ok = FALSE;
  return ok && download_attachments (run, with_attachments, error);
}

/* Incremental: _changes from the checkpoint; each batch with its last_seq in one transaction.
 * The seq is opaque: it goes back to the server exactly as it came. */
static gboolean
pull_changes (Run         *run,
              GdSyncState *state,
              GError     **error)
{
  /* every full batch must move last_seq somewhere it has not been in this run */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint64 done = 0;

  if (state->checkpoint != NULL)
    g_hash_table_add (seen, g_strdup (state->checkpoint));
  for (;;)
    {
      g_autofree char *since = NULL;
      g_autofree char *next = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(JsonNode) since_node = NULL;
      g_autoptr(GPtrArray) docs = g_ptr_array_new ();
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GPtrArray) incoming = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean too_big = FALSE;
      JsonNode *reply;
      const char *data;
      gsize length;
      JsonObject *object;
      JsonArray *results;
      JsonNode *last_seq;
      guint n;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      /* a string seq travels unquoted in the URL, as CouchDB writes it */
      since_node = json_from_string (state->checkpoint, NULL);
      if (since_node != NULL && JSON_NODE_HOLDS_VALUE (since_node)
          && json_node_get_value_type (since_node) == G_TYPE_STRING)
        since = escape (json_node_get_string (since_node));
      else
        since = escape (state->checkpoint);
      path = g_strdup_printf ("/%s/_changes?style=all_docs&include_docs=true&conflicts=true"
                              "&since=%s&limit=%" G_GSIZE_FORMAT, run->database, since, run->page);
      bytes = gd_couch_request_capped (run->couch, "GET", path, NULL, NULL,
                                       gd_couch_get_max_reply (run->couch), &too_big,
                                       run->cancellable, &local_error);
      if (bytes == NULL && too_big && run->page > 1)
        {
          /* big documents: smaller batches, down to one */
          run->page = MAX (run->page / 4, 1);
          continue;
        }
      if (bytes == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      data = g_bytes_get_data (bytes, &length);
      if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) length, NULL)
          || (reply = json_parser_get_root (parser)) == NULL)
        return bad_reply (error, "_changes");
      if (!JSON_NODE_HOLDS_OBJECT (reply)
          || (results = gd_json_get_array (object = json_node_get_object (reply), "results")) == NULL
          || (last_seq = json_object_get_member (object, "last_seq")) == NULL)
        return bad_reply (error, "_changes");
      n = json_array_get_length (results);
      for (guint i = 0; i < n; i++)
        {
          JsonObject *change = json_array_get_object_element (results, i);
          JsonObject *doc = change ? gd_json_get_object (change, "doc") : NULL;
          if (doc == NULL)
            return bad_reply (error, "_changes");
          g_ptr_array_add (docs, doc);
        }
      /* a NUL escape cuts json-glib's strings short, an _id among them: then each document
       * is read again with its own text, for the store to see it and refuse it */
      if (gd_sync_text_has_nul (data))
        {
          rows = gd_couch_rows_parse (data, length, error);
          if (rows == NULL)
            return FALSE;
          if (rows->len != n)
            return bad_reply (error, "_changes");
          incoming = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_set_size (docs, 0);
          for (guint i = 0; i < n; i++)
            {
              GdCouchRow *row = rows->pdata[i];
              GdSyncIncoming *one = g_new0 (GdSyncIncoming, 1);

              one->doc = row->doc;
              one->body = row->body;
              g_ptr_array_add (incoming, one);
              g_ptr_array_add (docs, row->doc);
            }
        }
      next = node_to_text (last_seq);
      if (n >= run->page && !g_hash_table_add (seen, g_strdup (next)))
        {
          g_autofree char *shown = gd_sync_escape_text (next, 120);
          g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                       /* Translators: %s is the server's sequence, as JSON */
                       _("the server's _changes answered a full batch without moving last_seq "
                         "past %s, where it had been already: the sync would never end; stopped"),
                       shown);
          return FALSE;
        }
      g_free (state->checkpoint);
      state->checkpoint = g_steal_pointer (&next);
      if (!apply_batch (run, docs, incoming, state, error) || !download_attachments (run, docs, error))
        return FALSE;
      done += n;
      progress (run, GD_SYNC_PHASE_PULL, done, 0);
      if (n < run->page)
        return TRUE;
    }
}

/* The _local marker: a server database that lost it (or carries another one) was reset or
 * replaced since the last sync, so its revisions mean nothing to our bases. */
static gboolean
check_marker (Run          *run,
              GdSyncState **state,
              GError      **error)
{
  g_autofree char *workstation = gd_store_sync_workstation_id (run->store, error);
  g_autofree char *local_id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  const char *found = NULL;
  guint status = 0;

  if (workstation == NULL)
    return FALSE;
  local_id = g_strconcat ("_local/griddesk-", workstation, NULL);
  path = gd_couch_doc_path (run->database, local_id);
  reply = gd_couch_request (run->couch, "GET", path, NULL, &status, run->cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (status == 200 && JSON_NODE_HOLDS_OBJECT (reply))
    found = gd_json_get_string (json_node_get_object (reply), "marker");
  else if (status != 404)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK, _("reading the sync marker: the server answered %u"), status);
      return FALSE;
    }

  if ((*state)->marker != NULL && g_strcmp0 (found, (*state)->marker) != 0)
    {
      g_message ("%s was reset on the server: sending every record again", run->database);
      if (!gd_store_sync_forget_server (run->store, run->database, run->village, error))
        return FALSE;
      gd_sync_state_free (*state);
      if ((*state = gd_store_sync_get_state (run->store, run->database, error)) == NULL)
        return FALSE;
      run->report->server_reset = TRUE;
      found = NULL;
    }
  if ((*state)->marker == NULL || found == NULL)
    {
      g_autoptr(JsonObject) marker = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) put = NULL;
      g_autofree char *value = (*state)->marker ? g_strdup ((*state)->marker) : gd_uuid_new ();

      json_object_set_string_member (marker, "_id", local_id);
      json_object_set_string_member (marker, "marker", value);
      if (status == 200 && JSON_NODE_HOLDS_OBJECT (reply)
          && gd_json_get_string (json_node_get_object (reply), "_rev"))
        json_object_set_string_member (marker, "_rev",
                                       gd_json_get_string (json_node_get_object (reply), "_rev"));
      json_node_set_object (node, marker);
      put = gd_couch_request (run->couch, "PUT", path, node, NULL, run->cancellable, error);
      if (put == NULL)
        return FALSE;
      g_free ((*state)->marker);
      (*state)->marker = g_steal_pointer (&value);
      if (!gd_store_sync_set_state (run->store, *state, error))
        return FALSE;
    }
  return TRUE;
}

/* Documents refused by older code tables get another try: an upgrade may know them now. */
static gboolean
retry_quarantine (Run               *run,
                  const GdSyncState *state,
                  GError           **error)
{
  g_autoptr(GPtrArray) stale = gd_store_sync_quarantine_stale (run->store, error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (stale == NULL)
    return FALSE;
  for (guint i = 0; i < stale->len; i++)
    {
      GdSyncQuarantined *entry = stale->pdata[i];
      JsonObject *doc = gd_couch_doc_parse (entry->body, strlen (entry->body), NULL);

      if (doc != NULL)
        g_ptr_array_add (docs, doc);
      else if (!gd_store_sync_quarantine (run->store, entry->doc_id, entry->rev, entry->reason,
                                          entry->body, error))
        return FALSE;
    }
  /* with the state (saved again as it is): it names the village they must belong to */
  return docs->len == 0 || apply_batch (run, docs, NULL, state, error);
}

static gboolean
in_transaction (Run       *run,
                gboolean (*write) (GdStore *store, GError **error),
                GError   **error)
{
  if (!gd_store_begin (run->store, error))
    return FALSE;
  if (write (run->store, error) && gd_store_commit (run->store, error))
    return TRUE;
  gd_store_rollback (run->store);
  return FALSE;
}

static gboolean
pull (Run          *run,
      GdSyncState **state,
      GError      **error)
{
  g_autofree char *path = g_strdup_printf ("/%s", run->database);
  g_autoptr(JsonNode) info = NULL;
  guint status = 0;
  gint64 total = 0;

  progress (run, GD_SYNC_PHASE_CONNECT, 0, 0);
  info = gd_couch_request (run->couch, "GET", path, NULL, &status, run->cancellable, error);
  if (info == NULL)
    return FALSE;
  if (status == 404)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                   _("the server has no database %s (ask county IT to provision the village)"),
                   run->database);
      return FALSE;
    }
  if (status == 401 || status == 403)
    {
      g_set_error (error, GD_ERROR, GD_ERROR_NETWORK,
                   _("the server refused access to %s: check the account and its roles"), run->database);
      return FALSE;
    }
  if (status != 200 || !JSON_NODE_HOLDS_OBJECT (info)
      || !json_object_has_member (json_node_get_object (info), "update_seq"))
    return bad_reply (error, path);
  gd_json_get_int (json_node_get_object (info), "doc_count", &total);

  if (!check_marker (run, state, error) || !retry_quarantine (run, *state, error))
    return FALSE;

  if ((*state)->checkpoint == NULL)
    {
      /* changes after this point are picked up by _changes; seen twice is harmless */
      if ((*state)->initial_seq == NULL)
        {
          (*state)->initial_seq = node_to_text (json_object_get_member (json_node_get_object (info), "update_seq"));
          if (!gd_store_sync_set_state (run->store, *state, error))
            return FALSE;
        }
      /* a bulk load: the big tables' secondary indexes are built once when it is done */
      if (!in_transaction (run, gd_store_defer_indexes, error)
          || !pull_all_docs (run, *state, (guint64) MAX (total, 0), error))
        return FALSE;
      (*state)->checkpoint = g_steal_pointer (&(*state)->initial_seq);
      g_clear_pointer (&(*state)->next_key, g_free);
      if (!gd_store_sync_set_state (run->store, *state, error))
        return FALSE;
    }
  /* after the first sync, or one cut off before it was done */
  if (gd_store_indexes_deferred (run->store)
      && !in_transaction (run, gd_store_restore_indexes, error))
    return FALSE;
  return pull_changes (run, *state, error);
}

/* ---- push ---- */

/* Attachments new here (no stub with that digest in the base): uploaded after the document,
 * so the document goes without them and the server never sees a stub it lacks. */
static GPtrArray *
new_attachments (GdSyncOutgoing *out)
{
  JsonObject *mine = gd_json_get_object (out->doc, "_attachments");
  JsonObject *base = out->base ? gd_json_get_object (out->base, "_attachments") : NULL;
  g_autoptr(GList) names = mine ? json_object_get_members (mine) : NULL;
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *stub = gd_json_get_object (mine, l->data);
      JsonObject *old = base ? gd_json_get_object (base, l->data) : NULL;
      if (old == NULL || g_strcmp0 (gd_json_get_string (old, "digest"), gd_json_get_string (stub, "digest")) != 0)
        g_ptr_array_add (fresh, g_strdup (l->data));
    }
  return fresh;
}

/* What goes in _bulk_docs: the body with only the stubs the server already has. */
static JsonObject *
wire_document (GdSyncOutgoing *out,
               GPtrArray      *fresh)
{
  JsonObject *wire = gd_json_copy_object (out->doc);
  JsonObject *attachments = gd_json_get_object (wire, "_attachments");

  for (guint i = 0; attachments && i < fresh->len; i++)
    json_object_remove_member (attachments, fresh->pdata[i]);
  if (attachments != NULL && json_object_get_size (attachments) == 0)
    json_object_remove_member (wire, "_attachments");
  return wire;
}

static char *
upload_attachments (Run            *run,
                    GdSyncOutgoing *out,
                    GPtrArray      *fresh,
                    const char     *rev,
                    GError        **error)
{
  g_autofree char *current = g_strdup (rev);
  g_autofree char *doc_path = gd_couch_doc_path (run->database, out->id);

  for (guint i = 0; i < fresh->len; i++)
    {
      g_autofree char *content_type = NULL;
      g_autoptr(GBytes) bytes = gd_store_get_attachment (run->store, out->id, fresh->pdata[i],
                                                         &content_type, error);
      g_autofree char *name = escape (fresh->pdata[i]);
      g_autofree char *escaped_rev = escape (current);
      g_autofree char *path = g_strdup_printf ("%s/%s?rev=%s", doc_path, name, escaped_rev);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(JsonNode) root = NULL;
      const char *new_rev;

      if (bytes == NULL)
        return NULL;
      reply = gd_couch_request_bytes (run->couch, "PUT", path, bytes, &content_type,
                                      run->cancellable, error);
      if (reply == NULL)
        return NULL;
      root = json_from_string (g_bytes_get_data (reply, NULL) ? (const char *) g_bytes_get_data (reply, NULL) : "", NULL);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
          || (new_rev = gd_json_get_string (json_node_get_object (root), "rev")) == NULL)
        {
          bad_reply (error, path);
          return NULL;
        }
      g_free (current);
      current = g_strdup (new_rev);
      run->report->attachments_up++;
    }
  return g_steal_pointer (&current);
}

/* The server's current copies of documents that conflicted (tombstones included). */
static GPtrArray *
fetch_current (Run       *run,
               GPtrArray *ids,
               GError   **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/_all_docs?include_docs=true", run->database);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *rows;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "keys");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (builder, ids->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  reply = gd_couch_request (run->couch, "POST", path, body, NULL, run->cancellable, error);
  if (reply == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (reply) || (rows = gd_json_get_array (json_node_get_object (reply), "rows")) == NULL)
    {
      bad_reply (error, "_all_docs");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *doc = row ? gd_json_get_object (row, "doc") : NULL;
      JsonObject *value = row ? gd_json_get_object (row, "value") : NULL;

      if (doc != NULL)
        g_ptr_array_add (docs, json_object_ref (doc));
      else if (value != NULL && gd_json_get_string (value, "rev") != NULL)
        {
          JsonObject *tombstone = json_object_new ();
          json_object_set_string_member (tombstone, "_id", gd_json_get_string (row, "id"));
          json_object_set_string_member (tombstone, "_rev", gd_json_get_string (value, "rev"));
          json_object_set_boolean_member (tombstone, "_deleted", TRUE);
          g_ptr_array_add (docs, tombstone);
        }
    }
  return g_steal_pointer (&docs);
}

static gboolean
push (Run     *run,
      GError **error)
{
  g_autoptr(GHashTable) rounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", run->database);
  gint64 after = 0;
  gint64 pending = gd_store_sync_pending_count (run->store);

  for (;;)
    {
      g_autoptr(GPtrArray) batch = NULL;
      g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      g_autoptr(GPtrArray) conflicted = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonArray) wire = json_array_new ();
      g_autoptr(JsonObject) request = json_object_new ();
      g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) reply = NULL;
      JsonArray *results;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      batch = gd_store_sync_outgoing (run->store, run->village, after, run->page, error);
      if (batch == NULL)
        return FALSE;
      if (batch->len == 0)
        return TRUE;
      for (guint i = 0; i < batch->len; i++)
        {
          GdSyncOutgoing *out = batch->pdata[i];
          GPtrArray *names = new_attachments (out);
          g_ptr_array_add (fresh, names);
          json_array_add_object_element (wire, wire_document (out, names));
        }
      after = ((GdSyncOutgoing *) batch->pdata[batch->len - 1])->change_seq;
      json_object_set_array_member (request, "docs", json_array_ref (wire));
      json_node_set_object (body, request);

      reply = gd_couch_request (run->couch, "POST", path, body, NULL, run->cancellable, error);
      if (reply == NULL)
        return FALSE;
      /* _bulk_docs is not atomic: every item says how it went. Items are matched by id
       * (PouchDB's LevelDB back end answers in its own order, not the request's). */
      if (!JSON_NODE_HOLDS_ARRAY (reply)
          || json_array_get_length (results = json_node_get_array (reply)) != batch->len)
        return bad_reply (error, "_bulk_docs");
      g_hash_table_remove_all (items);
      for (guint i = 0; i < batch->len; i++)
        {
          JsonObject *item = json_array_get_object_element (results, i);
          if (item == NULL || gd_json_get_string (item, "id") == NULL)
            return bad_reply (error, "_bulk_docs");
          g_hash_table_insert (items, (gpointer) gd_json_get_string (item, "id"), item);
        }

      for (guint i = 0; i < batch->len; i++)
        {
          GdSyncOutgoing *out = batch->pdata[i];
          JsonObject *item = g_hash_table_lookup (items, out->id);
          const char *rev = item ? gd_json_get_string (item, "rev") : NULL;
          const char *failure = item ? gd_json_get_string (item, "error") : NULL;

          if (item == NULL)
            return bad_reply (error, "_bulk_docs");
          if (failure == NULL && rev != NULL)
            {
              g_autofree char *final = upload_attachments (run, out, fresh->pdata[i], rev, error);
              if (final == NULL
                  || !gd_store_sync_pushed (run->store, out->id, final, out->doc, out->change_seq, error))
                return FALSE;
              run->report->pushed++;
            }
          else if (g_strcmp0 (failure, "conflict") == 0)
            {
              guint round = GPOINTER_TO_UINT (g_hash_table_lookup (rounds, out->id));
              if (round < MAX_CONFLICT_ROUNDS)
                {
                  g_hash_table_replace (rounds, g_strdup (out->id), GUINT_TO_POINTER (round + 1));
                  g_ptr_array_add (conflicted, g_strdup (out->id));
                }
            }
          else
            {
              /* forbidden, unauthorized and anything else the server will refuse again:
               * kept with its reason for a person, never retried as it is */
              g_autofree char *name = gd_sync_escape_text (failure ? failure : "error", 80);
              g_autofree char *reason = gd_sync_escape_text (gd_json_get_string (item, "reason"),
                                                              GD_SYNC_REASON_CHARS);
              if (!gd_store_sync_reject (run->store, out->id, name, reason, out->change_seq, error))
                return FALSE;
              run->report->rejected++;
            }
        }
      if (conflicted->len > 0)
        {
          /* merged now, the documents get a later change and come round again */
          g_autoptr(GPtrArray) current = fetch_current (run, conflicted, error);
          if (current == NULL || !apply (run, current, NULL, error))
            return FALSE;
        }
      progress (run, GD_SYNC_PHASE_PUSH, run->report->pushed, (guint64) MAX (pending, 0));
    }
}

gboolean
gd_sync_run (GdStore             *store,
             GdCouch             *couch,
             const char          *database,
             const GdSyncOptions *options,
             GdSyncReport        *report,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GdSyncState) state = NULL;
  GdSyncReport own_report = { 0 };
  g_autoptr(GError) local_error = NULL;
  Run run = {
    .store = store,
    .couch = couch,
    .database = database,
    .page = options && options->page_size ? options->page_size : DEFAULT_PAGE,
    .all_docs_page = options && options->page_size ? options->page_size : DEFAULT_ALL_DOCS_PAGE,
    .options = options,
    .report = report ? report : &own_report,
    .cancellable = cancellable,
  };
  gboolean ok;

  g_return_val_if_fail (store != NULL && couch != NULL && database != NULL, FALSE);

  if (g_str_has_prefix (database, "griddesk-") && strlen (database) == strlen ("griddesk-") + 12)
    run.village = g_strdup (database + strlen ("griddesk-"));
  state = gd_store_sync_get_state (store, database, error);
  if (state == NULL)
    {
      g_free (run.village);
      return FALSE;
    }
  ok = pull (&run, &state, &local_error) && push (&run, &local_error)
       /* what the push merged may have changed nothing but our view: pull it once more */
       && pull_changes (&run, state, &local_error);

  /* the outcome is kept for the header bar; the state itself was saved batch by batch */
  {
    g_autoptr(GdSyncState) saved = gd_store_sync_get_state (store, database, NULL);
    if (saved != NULL)
      {
        g_free (saved->last_error);
        saved->last_error = ok ? NULL : g_strdup (local_error->message);
        if (ok)
          {
            g_free (saved->last_sync_at);
            saved->last_sync_at = gd_timestamp_format (NULL);
          }
        gd_store_sync_set_state (store, saved, NULL);
      }
  }
  g_free (run.village);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

GPtrArray *
gd_sync_databases (GdStore            *store,
                   const char *const  *named,
                   GError            **error)
{
  g_autoptr(GPtrArray) databases = g_ptr_array_new_with_free_func (g_free);
  const char *scope = gd_store_get_scope (store);
  GdListQuery query = { .type = GD_DOC_GRID };
  g_autoptr(GPtrArray) grids = NULL;

  for (guint i = 0; named && named[i]; i++)
    if (*named[i] != '\0')
      g_ptr_array_add (databases, g_strdup (named[i]));
  if (databases->len > 0)
    return g_steal_pointer (&databases);
  if (scope != NULL && strlen (scope) == 12)
    {
      g_ptr_array_add (databases, gd_couch_database_name (scope));
      return g_steal_pointer (&databases);
    }
  /* a town workstation: every village it holds */
  if (scope != NULL && (grids = gd_store_list (store, &query, error)) == NULL)
    return NULL;
  for (guint i = 0; grids && i < grids->len; i++)
    if (g_strcmp0 (gd_json_get_string (grids->pdata[i], "level"), "village") == 0)
      g_ptr_array_add (databases, gd_couch_database_name (gd_json_get_string (grids->pdata[i], "code")));
  if (databases->len == 0)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_USAGE,
                           _("this database has no village yet: name the village database to sync "
                             "(griddesk-<village code>)"));
      return NULL;
    }
  return g_steal_pointer (&databases);
}
