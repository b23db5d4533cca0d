/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-attachments.c: photos and scans stored beside documents, stubs in the JSON. */
#include "config.h"

#include <string.h>

#include "gd-error.h"
#include "gd-store-attachments.h"
#include "gd-test-fixtures.h"

/* The smallest files that start like the real thing (the store checks the signature). */
static const guint8 jpeg_bytes[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0xff, 0xd9 };
static const guint8 png_bytes[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

static char *
put_incident (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = gd_json_parse_object (
    "{\"type\": \"incident\", \"grid\": \"" FIXTURE_GRID "\", \"number\": \"SJ-2026-000001\","
    " \"title\": \"三组路口排水沟堵塞\", \"category\": \"SR02\", \"status\": \"registered\","
    " \"reported_at\": \"2026-11-20T01:00:00Z\"}", -1, &error);
  char *id;

  g_assert_no_error (error);
  id = gd_store_put (fixture->store, doc, "tester", NULL, &error);
  g_assert_no_error (error);
  return id;
}

static guint
audit_count (StoreFixture *fixture, const char *id)
{
  g_autoptr(GPtrArray) entries = gd_store_get_audit (fixture->store, id, 0, NULL);

  return entries->len;
}

static void
test_round_trip (StoreFixture *fixture, gconstpointer data)
{
  g_autofree char *id = put_incident (fixture);
  g_autoptr(GBytes) photo = g_bytes_new_static (jpeg_bytes, sizeof jpeg_bytes);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  JsonObject *stub;
  gint64 length = 0;
  guint audits = audit_count (fixture, id);

  g_assert_true (gd_store_put_attachment (fixture->store, id, "photo-1.jpg", "image/jpeg",
                                          photo, "wangjg", &error));
  g_assert_no_error (error);

  back = gd_store_get_attachment (fixture->store, id, "photo-1.jpg", &content_type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, photo));
  g_assert_cmpstr (content_type, ==, "image/jpeg");

  doc = gd_store_get (fixture->store, id, &error);
  g_assert_no_error (error);
  stub = gd_json_get_object (gd_json_get_object (doc, "_attachments"), "photo-1.jpg");
  g_assert_nonnull (stub);
  g_assert_cmpstr (gd_json_get_string (stub, "content_type"), ==, "image/jpeg");
  /* md5 of the 13 bytes above, base64: computed independently with openssl md5 -binary, base64 */
  g_assert_cmpstr (gd_json_get_string (stub, "digest"), ==, "md5-malNcOqjuHrMO2uOdVqIdg==");
  g_assert_true (gd_json_get_int (stub, "length", &length));
  g_assert_cmpint (length, ==, sizeof jpeg_bytes);
  g_assert_true (json_object_get_boolean_member (stub, "stub"));
  g_assert_cmpstr (gd_json_get_string (doc, "updated_by"), ==, "wangjg");
  /* never the bytes inside the JSON */
  body = gd_json_to_string (doc, FALSE);
  g_assert_null (strstr (body, "/9j/"));
  g_assert_null (strstr (body, "JFIF"));

  /* audited (the update and the attach) and waiting for sync */
  g_assert_cmpuint (audit_count (fixture, id), ==, audits + 2);
  outbox = gd_store_outbox (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_find_with_equal_func (outbox, id, g_str_equal, NULL));

  names = gd_store_list_attachments (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "photo-1.jpg");
}

static void
test_replace_and_delete (StoreFixture *fixture, gconstpointer data)
{
  g_autofree char *id = put_incident (fixture);
  g_autoptr(GBytes) jpeg = g_bytes_new_static (jpeg_bytes, sizeof jpeg_bytes);
  g_autoptr(GBytes) png = g_bytes_new_static (png_bytes, sizeof png_bytes);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) names = NULL;
  gint64 length = 0;

  g_assert_true (gd_store_put_attachment (fixture->store, id, "b.png", "image/png", png, "t", &error));
  g_assert_true (gd_store_put_attachment (fixture->store, id, "a.jpg", "image/jpeg", jpeg, "t", &error));
  /* same name again: replaced, stub follows */
  g_assert_true (gd_store_put_attachment (fixture->store, id, "a.jpg", "image/png", png, "t", &error));
  g_assert_no_error (error);
  names = gd_store_list_attachments (fixture->store, id, &error);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "a.jpg");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "b.png");
  doc = gd_store_get (fixture->store, id, &error);
  g_assert_true (gd_json_get_int (gd_json_get_object (gd_json_get_object (doc, "_attachments"), "a.jpg"),
                                  "length", &length));
  g_assert_cmpint (length, ==, sizeof png_bytes);
  g_clear_pointer (&doc, json_object_unref);

  g_assert_true (gd_store_delete_attachment (fixture->store, id, "a.jpg", "t", &error));
  g_assert_no_error (error);
  back = gd_store_get_attachment (fixture->store, id, "a.jpg", NULL, &error);
  g_assert_null (back);
  g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  doc = gd_store_get (fixture->store, id, &error);
  g_assert_false (json_object_has_member (gd_json_get_object (doc, "_attachments"), "a.jpg"));
  g_assert_true (json_object_has_member (gd_json_get_object (doc, "_attachments"), "b.png"));
  g_clear_pointer (&doc, json_object_unref);

  /* the last one gone: no empty `_attachments` left behind */
  g_assert_true (gd_store_delete_attachment (fixture->store, id, "b.png", "t", &error));
  doc = gd_store_get (fixture->store, id, &error);
  g_assert_false (json_object_has_member (doc, "_attachments"));

  g_assert_false (gd_store_delete_attachment (fixture->store, id, "b.png", "t", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
}

/* A refused attachment leaves the body, the audit log and the table as they were. */
static void
assert_refused (StoreFixture *fixture,
                const char   *id,
                const char   *name,
                const char   *content_type,
                GBytes       *data,
                GdError       code,
                const char   *message)
{
  g_autoptr(JsonObject) before = gd_store_get (fixture->store, id, NULL);
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *before_text = gd_json_to_string (before, FALSE);
  g_autofree char *after_text = NULL;
  g_autoptr(GPtrArray) names_before = gd_store_list_attachments (fixture->store, id, NULL);
  g_autoptr(GPtrArray) names_after = NULL;
  guint audits = audit_count (fixture, id);
  g_autoptr(GError) error = NULL;

  g_assert_false (gd_store_put_attachment (fixture->store, id, name, content_type, data, "t", &error));
  g_assert_error (error, GD_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, message);
  after = gd_store_get (fixture->store, id, NULL);
  after_text = gd_json_to_string (after, FALSE);
  g_assert_cmpstr (after_text, ==, before_text);
  g_assert_cmpuint (audit_count (fixture, id), ==, audits);
  names_after = gd_store_list_attachments (fixture->store, id, NULL);
  g_assert_cmpuint (names_after->len, ==, names_before->len);
}

static void
test_refusals (StoreFixture *fixture, gconstpointer data)
{
  g_autofree char *id = put_incident (fixture);
  g_autoptr(GBytes) jpeg = g_bytes_new_static (jpeg_bytes, sizeof jpeg_bytes);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) existing = g_bytes_new_static (png_bytes, sizeof png_bytes);

  /* one photo already there, so "changes nothing" also covers an existing stub */
  g_assert_true (gd_store_put_attachment (fixture->store, id, "old.png", "image/png", existing, "t", &error));
  g_assert_no_error (error);

  assert_refused (fixture, id, "scan.pdf", "application/pdf", pdf, GD_ERROR_INVALID,
                  "“scan.pdf” is application/pdf: incidents take only JPEG (image/jpeg) or "
                  "PNG (image/png) photos");
  assert_refused (fixture, id, "fake.jpg", "image/jpeg", pdf, GD_ERROR_INVALID,
                  "“fake.jpg” is not really image/jpeg: its contents are of another kind or damaged");
  /* replacing an existing photo with a bad one keeps the old one */
  assert_refused (fixture, id, "old.png", "image/gif", jpeg, GD_ERROR_INVALID,
                  "“old.png” is image/gif: incidents take only JPEG (image/jpeg) or PNG "
                  "(image/png) photos");
  assert_refused (fixture, id, "_design.jpg", "image/jpeg", jpeg, GD_ERROR_INVALID,
                  "“_design.jpg” cannot be an attachment name (no leading “_”, no slashes or "
                  "line breaks, at most 200 characters)");
  assert_refused (fixture, id, "", "image/jpeg", jpeg, GD_ERROR_INVALID,
                  "an attachment needs a name");

  g_assert_false (gd_store_put_attachment (fixture->store, "incident:nope", "a.jpg", "image/jpeg",
                                           jpeg, "t", &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gd_store_get_attachment (fixture->store, "incident:nope", "a.jpg", NULL, &error));
  g_assert_error (error, GD_ERROR, GD_ERROR_NOT_FOUND);
}

/* Households (and other types) are not limited to photos: a scanned agreement is a PDF. */
static void
test_other_types (StoreFixture *fixture, gconstpointer data)
{
  g_autoptr(JsonObject) household = fixture_household ("0001", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = gd_store_put (fixture->store, household, "t", NULL, &error);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);
  g_autoptr(GBytes) back = NULL;

  g_assert_no_error (error);
  g_assert_true (gd_store_put_attachment (fixture->store, id, "协议.pdf", "application/pdf", pdf,
                                          "t", &error));
  g_assert_no_error (error);
  back = gd_store_get_attachment (fixture->store, id, "协议.pdf", NULL, &error);
  g_assert_true (g_bytes_equal (back, pdf));
}

/* Inside a caller's batch the attachment goes with the batch. */
static void
test_batch_rollback (StoreFixture *fixture, gconstpointer data)
{
  g_autofree char *id = put_incident (fixture);
  g_autoptr(GBytes) jpeg = g_bytes_new_static (jpeg_bytes, sizeof jpeg_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(JsonObject) doc = NULL;

  g_assert_true (gd_store_begin (fixture->store, &error));
  g_assert_true (gd_store_put_attachment (fixture->store, id, "a.jpg", "image/jpeg", jpeg, "t", &error));
  gd_store_rollback (fixture->store);
  names = gd_store_list_attachments (fixture->store, id, &error);
  g_assert_cmpuint (names->len, ==, 0);
  doc = gd_store_get (fixture->store, id, &error);
  g_assert_false (json_object_has_member (doc, "_attachments"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("/attachments/round-trip", test_round_trip);
  ADD ("/attachments/replace-and-delete", test_replace_and_delete);
  ADD ("/attachments/refusals", test_refusals);
  ADD ("/attachments/other-types", test_other_types);
  ADD ("/attachments/batch-rollback", test_batch_rollback);
  return g_test_run ();
}
