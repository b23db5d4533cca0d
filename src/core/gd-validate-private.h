/* gd-validate-private.h: field checks shared by the per-type validators.
 *
 * Every check takes the object holding the field, a path prefix ("" at the top, "members[2]."
 * inside an array element, "rental." inside an object) and the member name, and reports
 * findings under "<prefix><member>". Absent members and JSON null are the same thing; an empty
 * or blank string counts as absent too, so optional form fields left empty pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-idcard.h"
#include "gd-validate.h"

G_BEGIN_DECLS

/* One validation run. */
typedef struct {
  JsonObject              *doc;
  const char              *doc_id;  /* the document's _id, NULL if it has none */
  const char              *village; /* the document's village when valid and in scope */
  const GdValidateContext *ctx;
  GdIssues                *issues;
  GDate                    today;
} GdCheck;

/* China's extent, for coordinates typed with lat and lon swapped or far off. */
#define GD_CHINA_LAT_MIN 3.0
#define GD_CHINA_LAT_MAX 54.0
#define GD_CHINA_LON_MIN 73.0
#define GD_CHINA_LON_MAX 136.0

/* How satisfied a resident or party said they were (incident feedback, dispute follow-ups). */
extern const char *const gd_check_satisfactions[];

/* "<prefix><member>"; a NULL member names the prefix itself (its trailing '.' dropped). */
char        *gd_check_path      (const char *prefix,
                                 const char *member);
void         gd_check_error     (GdCheck    *check,
                                 const char *prefix,
                                 const char *member,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (4, 5);
/* An error with a machine code and its arguments (see gd-issues.h) */
void         gd_check_error_code (GdCheck            *check,
                                  const char         *prefix,
                                  const char         *member,
                                  const char         *code,
                                  const char * const *args,
                                  const char         *format,
                                  ...) G_GNUC_PRINTF (6, 7);
void         gd_check_warning   (GdCheck    *check,
                                 const char *prefix,
                                 const char *member,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (4, 5);

/* TRUE when `member` is absent, null or a blank string (not when it has the wrong type, which
 * the typed readers report). */
gboolean     gd_check_absent    (JsonObject *object,
                                 const char *member);

/* The typed readers: the value, or NULL/FALSE when absent (an error if `required`) or of the
 * wrong type (always an error). */
const char  *gd_check_string    (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required);
JsonObject  *gd_check_object    (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required);
JsonArray   *gd_check_array     (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required);
gboolean     gd_check_boolean   (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required,
                                 gboolean   *out_value);
/* An integer >= `min`. */
gboolean     gd_check_int       (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required,
                                 gint64      min,
                                 gint64     *out_value);
/* Any JSON number >= `min`. */
gboolean     gd_check_number    (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required,
                                 double      min,
                                 double     *out_value);

/* A code of the table `list` (gd-codes.h). */
const char  *gd_check_code      (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 const char *list,
                                 gboolean    required);
/* One of the NULL-terminated `allowed` spellings. */
const char  *gd_check_enum      (GdCheck           *check,
                                 JsonObject        *object,
                                 const char        *prefix,
                                 const char        *member,
                                 const char *const *allowed,
                                 gboolean           required);
/* A real YYYY-MM-DD date, not after today when `past`. */
gboolean     gd_check_date      (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required,
                                 gboolean    past,
                                 GDate      *out_date);
/* An RFC 3339 timestamp; *out_time (if not NULL) gets it parsed, for ordering checks. */
gboolean     gd_check_timestamp (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required,
                                 GDateTime **out_time);
/* An error on <prefix><member> when `at` is earlier than `bound` (either NULL: nothing). */
void         gd_check_not_before (GdCheck    *check,
                                  const char *prefix,
                                  const char *member,
                                  GDateTime  *at,
                                  GDateTime  *bound,
                                  const char *bound_name);
const char  *gd_check_phone     (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required);
/* {lat, lon} inside China; other members (address …) are left alone. */
void         gd_check_location  (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required);
/* A GeoJSON geometry whose `type` is one of `allowed` ("Polygon", "MultiPolygon",
 * "LineString"), positions [lon, lat] inside China, polygon rings closed with >= 4 positions. */
void         gd_check_geometry  (GdCheck           *check,
                                 JsonObject        *object,
                                 const char        *prefix,
                                 const char        *member,
                                 const char *const *allowed);
/* The `member` array of objects with unique non-blank `id`s, or NULL when absent. Elements
 * that are not objects are reported here; callers walk the rest with gd_check_element(). */
JsonArray   *gd_check_id_array  (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 gboolean    required);
/* Element `index` of `array` as an object, NULL when it is not one; *out_prefix gets
 * "<prefix><member>[index]." (free it). */
JsonObject  *gd_check_element   (JsonArray  *array,
                                 const char *prefix,
                                 const char *member,
                                 guint       index,
                                 char      **out_prefix);
/* An array of document ids "<type>:..." without repeats. */
void         gd_check_refs      (GdCheck    *check,
                                 JsonObject *object,
                                 const char *prefix,
                                 const char *member,
                                 const char *type);

/* A person's citizen ID (`id_number`, GB 11643): errors when malformed; warnings when the
 * person's `sex` or `birth_date` disagree with it. TRUE and *out filled when it parses. */
gboolean     gd_check_citizen_id (GdCheck    *check,
                                  JsonObject *person,
                                  const char *prefix,
                                  gboolean    required,
                                  GdIdCard   *out);

/* The per-type rules, after the envelope passed through gd_validate_document(). */
void gd_validate_grid      (GdCheck *check);
void gd_validate_household (GdCheck *check);
void gd_validate_incident  (GdCheck *check);
void gd_validate_dispute   (GdCheck *check);
void gd_validate_patrol    (GdCheck *check);
void gd_validate_component (GdCheck *check);
void gd_validate_mediator  (GdCheck *check);
void gd_validate_organisation (GdCheck *check);

G_END_DECLS
