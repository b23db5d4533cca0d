/* gd-organisation.h: organisations and premises (单位 · 场所) and their safety inspections
 * (安全检查).
 *
 * An inspection is {id, at, inspectors [], checklist [{item, result, note, incident}],
 * photos [], rectify_by, incidents []}. Every hazard of an inspection recorded here becomes an
 * incident (公共安全隐患, linked to the organisation both ways, its deadline the end of
 * `rectify_by`) in the same transaction as the organisation; a later inspection that passes
 * the item moves that incident along the incident flow. The organisation's risk follows its
 * last inspection unless a person sets it, with a reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-deadline.h"
#include "gd-store.h"

G_BEGIN_DECLS

/* An item whose latest inspection (by `at`) that looked at it found a hazard. Strings point
 * into the organisation document. */
typedef struct {
  const char *item;       /* inspection-items code */
  const char *inspection; /* the id of the inspection that found it */
  const char *rectify_by; /* YYYY-MM-DD, or NULL */
  const char *incident;   /* the incident it became, or NULL */
} GdOpenHazard;

/* The open hazards of `organisation`, in item order of their inspections (GdOpenHazard). */
GArray     *gd_organisation_open_hazards     (JsonObject *organisation);
/* The inspection with the latest `at`, or NULL. */
JsonObject *gd_organisation_last_inspection  (JsonObject *organisation);
/* The risk level ("low", "medium", "high", "major") an inspection's checklist implies:
 * no hazard low, one or two medium, three or more high; a hazard whose item says
 * "risk": "major" in inspection-items (三合一 separation, flammables) major. */
const char *gd_organisation_inspection_risk  (JsonObject *inspection);
/* The inspection items of a premises category (its "checklist" in premises-categories),
 * NULL-terminated; empty for unknown codes. Free with g_strfreev. */
char      **gd_organisation_checklist_items  (const char *premises);

/* Records `inspection` on the organisation `organisation_id` (see above). `inspection` needs
 * inspectors and checklist; `at` defaults to now and `id` to a new uuid. Open hazard
 * incidents of items this inspection passes move as far towards archived as `role` may take
 * them: to feedback (核查通过), and to archived only when `satisfaction` (the operator's, as
 * incident feedback) is given. Findings go to `issues` (may be NULL) with their paths.
 * Returns the inspection's id; on any refusal nothing is written. */
char       *gd_organisation_inspect          (GdStore         *store,
                                              const char      *organisation_id,
                                              JsonObject      *inspection,
                                              GdDeadlineRules *rules,
                                              GdRole           role,
                                              const char      *satisfaction,
                                              const char      *actor,
                                              GdIssues        *issues,
                                              GError         **error);

/* Sets the risk level by hand: `reason` must not be blank. */
gboolean    gd_organisation_set_risk         (GdStore    *store,
                                              const char *organisation_id,
                                              const char *level,
                                              const char *reason,
                                              const char *actor,
                                              GdIssues   *issues,
                                              GError    **error);

/* The register's filters; NULL members do not filter. */
typedef struct {
  const char *grid;      /* town, village or grid code prefix */
  const char *kind;      /* organisation-kinds */
  const char *premises;  /* premises-categories; a group (small_premises) means its categories */
  const char *risk;      /* risk-levels */
  const char *status;    /* operating, closed, moved */
  const char *overdue_on;/* YYYY-MM-DD: only those with a hazard to be rectified before that day */
  guint       limit;     /* 0: no limit */
  guint       offset;    /* rows to skip: pages of a list */
} GdOrganisationQuery;

/* The organisations matching `query` (JsonObject), by grid then name. A code that is not in
 * its list is refused (GD_ERROR_INVALID) naming the filter. */
GPtrArray  *gd_store_list_organisations      (GdStore                   *store,
                                              const GdOrganisationQuery *query,
                                              GError                   **error);
/* How many organisations match `query` (its limit and offset aside); -1 on error. */
gint64      gd_store_count_organisations     (GdStore                   *store,
                                              const GdOrganisationQuery *query,
                                              GError                   **error);

/* One organisation as list views show it, from the query table (no document parsed). */
typedef struct {
  char  *doc_id;
  char  *name;
  char  *kind;
  char  *premises;
  char  *credit_code;
  char  *representative; /* the representative's name */
  char  *grid;
  char  *status;
  char  *risk;           /* the risk level, NULL before any inspection */
  char  *last_inspected; /* `at` of the last inspection, or NULL */
  guint  open_hazards;
  char  *rectify_by;     /* the earliest rectification date of an open hazard, or NULL */
} GdOrganisationRow;

void        gd_organisation_row_free         (GdOrganisationRow *row);
/* Rows [offset, offset + limit) of the organisations matching `query`, by grid then name
 * (GdOrganisationRow). */
GPtrArray  *gd_store_organisation_page       (GdStore                   *store,
                                              const GdOrganisationQuery *query,
                                              GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdOrganisationRow, gd_organisation_row_free)

G_END_DECLS
