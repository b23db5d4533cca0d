/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-dispute-fields.h: a group of form rows bound to the members of one JSON object, so the
 * case editor's stages, parties, sessions and visits are described by tables, not code. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  GD_FIELD_TEXT,     /* one line */
  GD_FIELD_LONG,     /* several lines */
  GD_FIELD_TIME,     /* RFC 3339, entered as 2026-04-08 10:00 (China time) */
  GD_FIELD_CODE,     /* a code table (`list` is its name) */
  GD_FIELD_CHOICE,   /* `options`: code, label (N_), code, label …, NULL */
  GD_FIELD_SWITCH,   /* boolean */
  GD_FIELD_INT,
  GD_FIELD_NUMBER,
  GD_FIELD_NAMES,    /* an array of strings, entered as 李明、张伟 */
} GdFieldKind;

typedef struct {
  const char  *member;
  const char  *label;    /* untranslated (N_) */
  GdFieldKind  kind;
  const char  *list;
  const char *const *options;
} GdFieldSpec;

typedef struct _GdFieldGroup GdFieldGroup;

/* Adds a row per spec to `group`. `prefix` (or NULL) goes in front of each row's accessible
 * name ("申请人：姓名") where several groups share the labels. `changed` is called after
 * every edit. */
GdFieldGroup *gd_field_group_new   (AdwPreferencesGroup *group,
                                    const GdFieldSpec   *specs,
                                    guint                n_specs,
                                    const char          *prefix,
                                    GCallback            changed,
                                    gpointer             user_data);
void          gd_field_group_free  (GdFieldGroup *fields);
/* Shows the members of `object` (NULL: empty). */
void          gd_field_group_load  (GdFieldGroup *fields, JsonObject *object);
/* Writes the rows into `object`: set where filled, removed where empty. */
void          gd_field_group_store (GdFieldGroup *fields, JsonObject *object);
/* The row's widget for `member` (an AdwEntryRow, a GtkTextView …), or NULL. */
GtkWidget    *gd_field_group_get   (GdFieldGroup *fields, const char *member);
void          gd_field_group_set_sensitive (GdFieldGroup *fields, gboolean sensitive);
/* The (translated) label of the row for `member`, or NULL. */
const char   *gd_field_group_get_label (GdFieldGroup *fields, const char *member);

/* "2026-04-08 10:00" (China time) from RFC 3339, and back; NULL when empty or unparsable. */
char         *gd_field_time_to_text   (const char *timestamp);
char         *gd_field_time_from_text (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdFieldGroup, gd_field_group_free)

G_END_DECLS
