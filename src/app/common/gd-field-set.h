/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-field-set.h: a form's fields by the JSON path the core names in its GdIssues, so a
 * refusal is shown under the field with the field's own label, never as "reporter.phone: …". */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _GdFieldSet GdFieldSet;

GdFieldSet *gd_field_set_new        (void);
void        gd_field_set_free       (GdFieldSet  *set);
/* A field at `path` ("title", "reporter.phone"; a path "location" also takes
 * "location.…" unless a longer one is added): `row` is a form row in a boxed list that
 * gets a GdFieldMessage under it, `input` is marked and focused. Add in form order. */
void        gd_field_set_add_row    (GdFieldSet  *set,
                                     const char  *path,
                                     const char  *label,
                                     GtkWidget   *row,
                                     GtkWidget   *input);
/* A field whose message goes into `message` (a label of its own, hidden while empty). */
void        gd_field_set_add_label  (GdFieldSet  *set,
                                     const char  *path,
                                     const char  *label,
                                     GtkLabel    *message,
                                     GtkWidget   *input);
void        gd_field_set_clear      (GdFieldSet  *set);
/* Shows `text` as the field's error unless it has one already. FALSE when no field has
 * that path. */
gboolean    gd_field_set_error      (GdFieldSet  *set,
                                     const char  *path,
                                     const char  *text);
/* The label of the field at `path`, or NULL. */
const char *gd_field_set_label      (GdFieldSet  *set,
                                     const char  *path);
/* How many fields show an error; with `focus`, the first of them (in form order) gets the
 * focus. `labels` (optional) gets their labels, "标题、上报人电话". */
guint       gd_field_set_report     (GdFieldSet  *set,
                                     gboolean     focus,
                                     char       **labels);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdFieldSet, gd_field_set_free)

G_END_DECLS
