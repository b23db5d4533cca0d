/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-county.h: the county kit (data/county/): the _design/griddesk document with its
 * validate_doc_update, the _security template, and provisioning a village database. */
#pragma once

#include "gd-couch.h"

G_BEGIN_DECLS

/* {"_id": "_design/griddesk", "language": "javascript", "validate_doc_update": "..."} */
JsonObject *gd_county_design_document (GError **error);
/* The _security of griddesk-<village>: members are the village, town and county roles. */
JsonObject *gd_county_security        (const char *village, GError **error);
/* "village-<code>": the account and role of the village's workstations. */
char       *gd_county_village_account (const char *village);

/* With an admin session on `couch`: creates griddesk-<village> (kept if it exists), installs
 * the design document and _security (replacing older ones) and creates or updates the village
 * account with `account_password` and role village-<code>. */
gboolean    gd_county_provision       (GdCouch      *couch,
                                       const char   *village,
                                       const char   *account_password,
                                       GCancellable *cancellable,
                                       GError      **error);

G_END_DECLS
