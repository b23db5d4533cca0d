/* gd-lazy-view.h: a view laid out only once it is first shown.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Hides `view`'s content until `view` is first mapped, then shows it for good. */
void gd_lazy_view_until_shown (AdwBin *view);

G_END_DECLS
