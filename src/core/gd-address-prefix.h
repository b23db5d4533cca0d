/* gd-address-prefix.h: the province/city/county/town part every address of a scope shares,
 * for lists that show only what differs.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gd-store.h"

G_BEGIN_DECLS

/* The common start of `a` and `b`, cut after its last division name (…省, …市, …区, …县,
 * …旗, …镇, …乡, …街道); "" when they share none. */
char       *gd_address_prefix_common (const char *a, const char *b);
/* The prefix the households' addresses share, from the first and the last household by grid
 * (two index lookups, no table scan); "" when none or on error. */
char       *gd_store_address_prefix  (GdStore *store);
/* `address` without `prefix` when it starts with it and more follows; else `address`. */
const char *gd_address_prefix_strip  (const char *address, const char *prefix);

G_END_DECLS
