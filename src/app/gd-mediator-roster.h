/* gd-mediator-roster.h: the committee's roster of people's mediators (mediator documents):
 * add, edit, take out of service. */
#pragma once

#include <adwaita.h>

#include "gd-operator.h"
#include "gd-store.h"

G_BEGIN_DECLS

#define GD_TYPE_MEDIATOR_ROSTER (gd_mediator_roster_get_type ())
G_DECLARE_FINAL_TYPE (GdMediatorRoster, gd_mediator_roster, GD, MEDIATOR_ROSTER, AdwWindow)

/* The store is borrowed and must outlive the window. */
GdMediatorRoster *gd_mediator_roster_new (GtkWindow        *parent,
                                          GdStore          *store,
                                          const GdOperator *op,
                                          const char       *grid);

/* Signal "saved" (): after mediators were written. */

G_END_DECLS
