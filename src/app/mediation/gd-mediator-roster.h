/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-mediator-roster.h: the committee's roster of people's mediators (mediator documents):
 * add, edit, take out of service. */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_MEDIATOR_ROSTER (gd_mediator_roster_get_type ())
G_DECLARE_FINAL_TYPE (GdMediatorRoster, gd_mediator_roster, GD, MEDIATOR_ROSTER, AdwWindow)

/* Keeps the session's store and writes as its operator (both required). */
GdMediatorRoster *gd_mediator_roster_new (GtkWindow        *parent,
                                          GdSession        *session,
                                          const char       *grid);

/* Signal "saved" (): after mediators were written. */

G_END_DECLS
