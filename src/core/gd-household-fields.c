/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-household-fields"
#include "config.h"

#include <string.h>

#include "gd-household-fields.h"
#include "gd-json.h"

GdHouseholdFields *
gd_household_fields_new (void)
{
  GdHouseholdFields *fields = g_new0 (GdHouseholdFields, 1);

  fields->strings = g_string_chunk_new (1024);
  return fields;
}

const char *
gd_household_fields_keep (GdHouseholdFields *fields,
                          const char        *text,
                          gsize              length)
{
  return g_string_chunk_insert_len (fields->strings, text, (gssize) length);
}

const char *
gd_household_fields_join_tags (GdHouseholdFields *fields,
                               JsonArray         *tags)
{
  g_autoptr(GString) out = NULL;

  if (tags == NULL || json_array_get_length (tags) == 0)
    return NULL;
  out = g_string_new (",");
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_string_append (out, json_node_get_string (node));
          g_string_append_c (out, ',');
        }
    }
  return gd_household_fields_keep (fields, out->str, out->len);
}

GdHouseholdFields *
gd_household_fields_from_object (JsonObject *household)
{
  GdHouseholdFields *fields = gd_household_fields_new ();
  JsonArray *members = gd_json_get_array (household, "members");
  JsonObject *location = gd_json_get_object (household, "location");

  fields->id = gd_json_get_string (household, "_id");
  fields->rev = gd_json_get_string (household, "_rev");
  fields->village = gd_json_get_string (household, "village");
  fields->grid = gd_json_get_string (household, "grid");
  fields->number = gd_json_get_string (household, "number");
  fields->address = gd_json_get_string (household, "address");
  fields->housing = gd_json_get_string (household, "housing");
  fields->status = gd_json_get_string (household, "status");
  fields->updated_at = gd_json_get_string (household, "updated_at");
  fields->has_location = gd_json_get_number (location, "lat", &fields->lat)
                         && gd_json_get_number (location, "lon", &fields->lon);
  if (members == NULL)
    return fields;

  fields->members = g_array_sized_new (FALSE, TRUE, sizeof (GdMemberFields),
                                       json_array_get_length (members));
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *member = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      GdMemberFields each = { .is_object = member != NULL };

      if (member != NULL)
        {
          each.id = gd_json_get_string (member, "id");
          each.name = gd_json_get_string (member, "name");
          each.id_number = gd_json_get_string (member, "id_number");
          each.sex = gd_json_get_string (member, "sex");
          each.birth_date = gd_json_get_string (member, "birth_date");
          each.phone = gd_json_get_string (member, "phone");
          each.relation = gd_json_get_string (member, "relation");
          each.residence = gd_json_get_string (member, "residence");
          each.tags = gd_household_fields_join_tags (fields, gd_json_get_array (member, "tags"));
        }
      g_array_append_val (fields->members, each);
    }
  return fields;
}

void
gd_household_fields_free (GdHouseholdFields *fields)
{
  if (fields == NULL)
    return;
  g_clear_pointer (&fields->members, g_array_unref);
  g_string_chunk_free (fields->strings);
  g_free (fields);
}
