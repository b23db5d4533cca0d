/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-mask.h: how personal numbers are shown in lists (个人信息保护法): only the ends. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* "320902198503120026" -> "3209**********0026"; short or empty input is masked whole. */
char *gd_mask_id_number (const char *id_number);
/* "13912345678" -> "139****5678" */
char *gd_mask_phone     (const char *phone);
/* "欧阳玲巧" -> "欧***": the surname's first character only (reports handed on) */
char *gd_mask_name      (const char *name);

/* Every personal number in a document masked in place, wherever it is: each string member named
 * "phone" or ending in "_phone" (residents, rental.phone of a landlord, grid staff and leader,
 * reporters, dispute parties, organisations' contacts, mediators) and each "id_number". */
void  gd_mask_document  (JsonObject *doc);
/* `text` (a search query, a log line) with every run of six or more digits masked as an ID
 * number (15 or more, an X allowed last) or a phone number: what the audit log keeps of a
 * revealed search. */
char *gd_mask_numbers_in_text (const char *text);

G_END_DECLS
