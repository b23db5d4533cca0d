/* gd-types.h: shared enums and forward declarations of the GridDesk core.
 *
 * The core is GTK-free: GLib, GIO, json-glib and sqlite3 only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GdStore GdStore;
typedef struct _GdIssues GdIssues;
typedef struct _GdCodeTable GdCodeTable;

/* Document types of DATA-MODEL.md; the string form is the `type` field. */
typedef enum {
  GD_DOC_UNKNOWN = 0,
  GD_DOC_GRID,
  GD_DOC_HOUSEHOLD,
  GD_DOC_INCIDENT,
  GD_DOC_DISPUTE,
  GD_DOC_PATROL,
  GD_DOC_COMPONENT,
  GD_DOC_MEDIATOR,
  GD_DOC_ORGANISATION,
} GdDocType;

#define GD_DOC_TYPE_LAST GD_DOC_ORGANISATION

/* GB/T 2261.1 sex codes */
typedef enum {
  GD_SEX_UNKNOWN = 0,
  GD_SEX_MALE = 1,
  GD_SEX_FEMALE = 2,
  GD_SEX_UNSTATED = 9,
} GdSex;

/* Operator roles; they decide who may move an incident or reveal personal data. */
typedef enum {
  GD_ROLE_GRID_WORKER,     /* 网格员 */
  GD_ROLE_CENTRE_OPERATOR, /* 坐席员 */
  GD_ROLE_MEDIATOR,        /* 调解员 */
  GD_ROLE_ADMINISTRATOR,   /* 管理员 */
} GdRole;

const char *gd_doc_type_to_string (GdDocType type);
GdDocType   gd_doc_type_from_string (const char *name);
/* "grid, household, …": every type's name, for messages. Free with g_free. */
char       *gd_doc_type_list (void);

const char *gd_role_to_string (GdRole role);
/* Whether this role may see a resident's full ID and phone number (each reveal is audited):
 * the register's keepers yes, mediators (who work on disputes, not the register) no. */
gboolean    gd_role_may_reveal (GdRole role);
gboolean    gd_role_from_string (const char *name, GdRole *out_role);

G_END_DECLS
