/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-household-reader.h: a household document's indexed fields read straight from its JSON
 * text with yajl's event parser, for the first sync's tens of thousands of households: no
 * json-glib tree is built and freed for each. */
#pragma once

#include "gd-household-fields.h"

G_BEGIN_DECLS

/* The fields of a household document read straight from its JSON text (one object, as in
 * GdCouchRow.body), or NULL when the text is not a plain household: then the caller builds
 * the json-glib tree and takes the general path.
 *
 * Not plain: not valid JSON or not one object; a last "type" other than the string
 * "household"; a last "_id" or "_rev" that is not a string; a "_deleted", "_conflicts" or
 * "_attachments" member, whatever its value. Otherwise the result equals
 * gd_household_fields_from_object() of the object gd_couch_doc_parse() makes of the text,
 * field by field: the last of repeated members wins, as json-glib keeps it. */
GdHouseholdFields *gd_household_read (const char *text,
                                      gsize       length);

G_END_DECLS
