/* gd-incident-flow.h: the closed loop of an incident (登记 → 分流/上报 → 办理 → 核查 → 反馈 → 归档).
 *
 * The table of legal transitions lives here; the app and `griddesk-ctl incident transition`
 * both go through gd_incident_apply_transition().
 *
 * Transitions (DATA-MODEL.md; nothing else is legal):
 *   registered  → dispatched | escalated | returned
 *   dispatched  → in_progress | escalated | returned
 *   escalated   → dispatched | in_progress | returned
 *   in_progress → verifying | escalated | returned
 *   verifying   → feedback | in_progress (verification failed, redo) | returned
 *   feedback    → archived
 *   returned    → registered (resubmitted)
 *   archived    → in_progress (reopen)
 *
 * Who may make them:
 *   centre_operator, administrator  every transition above (only they reopen or archive)
 *   grid_worker                     registered → escalated (report up),
 *                                   dispatched → in_progress, in_progress → verifying,
 *                                   returned → registered
 *   mediator                        in_progress → verifying
 *
 * A move to `returned` needs a non-blank note (the reason); a move to `archived` needs
 * `feedback` with a valid `at`. Escalating raises `handling_level` one step
 * (grid → village → town → county; absent counts as grid; county and enforcement stay).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gd-types.h"

G_BEGIN_DECLS

typedef enum {
  GD_INCIDENT_REGISTERED,  /* 登记 */
  GD_INCIDENT_DISPATCHED,  /* 分流 */
  GD_INCIDENT_ESCALATED,   /* 上报 */
  GD_INCIDENT_IN_PROGRESS, /* 办理 */
  GD_INCIDENT_VERIFYING,   /* 核查 */
  GD_INCIDENT_FEEDBACK,    /* 反馈 */
  GD_INCIDENT_ARCHIVED,    /* 归档 */
  GD_INCIDENT_RETURNED,    /* 退回 */
} GdIncidentStatus;

#define GD_INCIDENT_N_STATUSES (GD_INCIDENT_RETURNED + 1)

const char *gd_incident_status_to_string   (GdIncidentStatus status);
gboolean    gd_incident_status_from_string (const char *name, GdIncidentStatus *out_status);

/* TRUE if the table has the edge from -> to (whoever asks). */
gboolean    gd_incident_transition_exists  (GdIncidentStatus from, GdIncidentStatus to);

/* Whether `role` may move an incident from -> to; on FALSE *reason says why. */
gboolean    gd_incident_transition_allowed (GdIncidentStatus from,
                                            GdIncidentStatus to,
                                            GdRole           role,
                                            char           **reason);

/* Moves `incident` to `to`: checks the table, the role, the note (required for `returned`),
 * feedback (required for `archived`); sets `status` and appends a timeline entry
 * {id, at, by, action: "transition", from, to, note}. `by` is the operator's account name and
 * must not be NULL or empty; `at` NULL means now, and must not be earlier than the last
 * timeline entry. On refusal `incident` is unchanged and `error` is GD_ERROR_INVALID
 * ("cannot move from registered to archived", a missing note or feedback) or
 * GD_ERROR_FORBIDDEN ("a grid worker may not archive an incident"). */
gboolean    gd_incident_apply_transition   (JsonObject      *incident,
                                            GdIncidentStatus to,
                                            const char      *by,
                                            GdRole           role,
                                            const char      *note,
                                            GDateTime       *at,
                                            GError         **error);

G_END_DECLS
