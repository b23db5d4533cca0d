/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-json.h: small NULL-safe readers over json-glib objects, ids and timestamps. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The member as a string, or NULL when absent, null or not a string. */
const char *gd_json_get_string  (JsonObject *object, const char *member);
/* The member as an object/array, or NULL when absent or of another type. */
JsonObject *gd_json_get_object  (JsonObject *object, const char *member);
JsonArray  *gd_json_get_array   (JsonObject *object, const char *member);
/* Integer members; FALSE when absent or not an integer. */
gboolean    gd_json_get_int     (JsonObject *object, const char *member, gint64 *out_value);
/* A number, integer or not (a location's lat and lon). */
gboolean    gd_json_get_number  (JsonObject *object, const char *member, double *out_value);

JsonObject *gd_json_parse_object (const char *text, gssize length, GError **error);
char       *gd_json_to_string    (JsonObject *object, gboolean pretty);
JsonObject *gd_json_copy_object  (JsonObject *object);
/* A node holding (a reference to) `object`. */
JsonNode   *gd_json_object_node  (JsonObject *object);

/* A new random (v4) UUID string. */
char       *gd_uuid_new          (void);
/* "<type>:<uuid>" */
char       *gd_doc_id_new        (const char *type);
/* RFC 3339 UTC with seconds, "2026-11-23T10:15:00Z"; NULL `at` means now. */
char       *gd_timestamp_format  (GDateTime *at);
/* TRUE if `text` is RFC 3339 (date, time, zone). */
gboolean    gd_timestamp_valid   (const char *text);
/* TRUE if `text` is a real calendar date YYYY-MM-DD; *out_date filled if not NULL. */
gboolean    gd_date_parse        (const char *text, GDate *out_date);
/* Grid centres keep China time (UTC+8, no daylight saving), whatever the machine's zone says:
 * the one zone of periods, deadlines, "today" and printed times (a new reference each call). */
GTimeZone  *gd_china_time        (void);
/* Today's date in China time. */
void        gd_china_today       (GDate *out_date);

G_END_DECLS
