/* gd-dispute-parts.c: parties, sessions and follow-up visits of a case.
 *
 * Each part is a JSON object (its id and anything the rows do not show kept) edited by one
 * numbered group of rows. Adding or removing a part stores the rows, changes the list and
 * builds the groups again, so the numbers (当事人1, 第2次调解 …) always follow the order.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-dispute-parts"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-dispute-fields.h"
#include "gd-dispute-parts.h"
#include "gd-json.h"
#include "gd-mask.h"
#include "gd-register-popover.h"

static const char *const party_roles[] = {
  "applicant", N_("Applicant"), "respondent", N_("Respondent"), "third_party", N_("Third party"), NULL
};
static const char *const party_kinds[] = {
  "person", N_("Person"), "organisation", N_("Organisation"), NULL
};
static const char *const fulfilment[] = {
  "full", N_("Carried out in full"), "partial", N_("Partly carried out"), "none", N_("Not carried out"), NULL
};
static const char *const satisfaction[] = {
  "satisfied", N_("Satisfied"), "basically", N_("Basically satisfied"), "dissatisfied", N_("Dissatisfied"), NULL
};

static const GdFieldSpec party_specs[] = {
  { "role", N_("Role"), GD_FIELD_CHOICE, NULL, party_roles },
  { "kind", N_("Person or organisation"), GD_FIELD_CHOICE, NULL, party_kinds },
  { "name", N_("Name"), GD_FIELD_TEXT },
  { "id_number", N_("Citizen ID number"), GD_FIELD_TEXT },
  { "sex", N_("Sex"), GD_FIELD_CODE, "sex" },
  { "ethnicity", N_("Ethnicity"), GD_FIELD_CODE, "ethnicity" },
  { "birth_date", N_("Date of birth (YYYY-MM-DD)"), GD_FIELD_TEXT },
  { "phone", N_("Phone"), GD_FIELD_TEXT },
  { "address", N_("Address"), GD_FIELD_TEXT },
  { "occupation", N_("Occupation"), GD_FIELD_TEXT },
  { "agent", N_("Agent"), GD_FIELD_TEXT },
};

static const GdFieldSpec session_specs[] = {
  { "at", N_("Time"), GD_FIELD_TIME },
  { "place", N_("Place"), GD_FIELD_TEXT },
  { "attendees", N_("Present"), GD_FIELD_NAMES },
  { "recorder", N_("Recorder"), GD_FIELD_TEXT },
  { "content", N_("What was said and done"), GD_FIELD_LONG },
  { "outcome", N_("Result of the session"), GD_FIELD_TEXT },
};

static const GdFieldSpec follow_up_specs[] = {
  { "at", N_("Visited at"), GD_FIELD_TIME },
  { "by", N_("Visited by"), GD_FIELD_TEXT },
  { "fulfilled", N_("Fulfilment"), GD_FIELD_CHOICE, NULL, fulfilment },
  { "satisfaction", N_("Satisfaction"), GD_FIELD_CHOICE, NULL, satisfaction },
  { "risk_note", N_("Remaining risk"), GD_FIELD_TEXT },
};

typedef struct {
  JsonObject   *object;
  GdFieldGroup *fields;
  gboolean      masked;   /* a party's ID and phone shown masked, read-only, until revealed */
} Part;

/* the members a party keeps masked (个人信息保护法), as everywhere else in the app */
static const char *const secret_members[] = { "id_number", "phone" };

struct _GdDisputeParts
{
  GtkBox             parent_instance;

  GdDisputePartsKind kind;
  GdStore           *store;   /* borrowed */
  GCallback          changed;
  gpointer           user_data;
  GArray            *parts;   /* Part */
  GtkWidget         *groups;  /* a box of the groups */
  char              *actor;   /* who reveals (the audit log's actor), NULL: nothing masked */
  char              *doc_id;  /* the case, for the audit log */
  gboolean           may_reveal;
};

G_DEFINE_FINAL_TYPE (GdDisputeParts, gd_dispute_parts, GTK_TYPE_BOX)

static void rebuild (GdDisputeParts *self);
static gboolean rebuild_idle (gpointer data);

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->object, json_object_unref);
  g_clear_pointer (&part->fields, gd_field_group_free);
}

static void
notify_changed (GdDisputeParts *self)
{
  ((void (*) (gpointer)) self->changed) (self->user_data);
}

static char *
part_title (GdDisputeParts *self,
            guint           index)
{
  switch (self->kind)
    {
    case GD_DISPUTE_PARTS_PARTIES:
      return g_strdup_printf (_("Party %u"), index + 1);
    case GD_DISPUTE_PARTS_SESSIONS:
      return g_strdup_printf (_("Session %u"), index + 1);
    case GD_DISPUTE_PARTS_FOLLOW_UPS:
    default:
      return g_strdup_printf (_("Visit %u"), index + 1);
    }
}

/* The rows into the part's object; masked numbers are not what the rows show, so the stored
 * ones stay. */
static void
store_part (Part *part)
{
  g_autofree char *kept[G_N_ELEMENTS (secret_members)] = { NULL };

  for (guint k = 0; part->masked && k < G_N_ELEMENTS (secret_members); k++)
    kept[k] = g_strdup (gd_json_get_string (part->object, secret_members[k]));
  gd_field_group_store (part->fields, part->object);
  for (guint k = 0; part->masked && k < G_N_ELEMENTS (secret_members); k++)
    if (kept[k] != NULL)
      json_object_set_string_member (part->object, secret_members[k], kept[k]);
}

/* Shows the part's object in its rows: a masked party's numbers masked and read-only. */
static void
load_part (Part *part)
{
  gd_field_group_load (part->fields, part->object);
  for (guint k = 0; part->masked && k < G_N_ELEMENTS (secret_members); k++)
    {
      GtkWidget *row = gd_field_group_get (part->fields, secret_members[k]);
      const char *value = gd_json_get_string (part->object, secret_members[k]);
      g_autofree char *masked = NULL;

      if (row == NULL || value == NULL || *value == '\0')
        continue;
      masked = k == 0 ? gd_mask_id_number (value) : gd_mask_phone (value);
      gtk_editable_set_text (GTK_EDITABLE (row), masked);
      gtk_editable_set_editable (GTK_EDITABLE (row), FALSE);
      gtk_widget_set_tooltip_text (row, _("Masked: show the numbers to change them"));
    }
}

static gboolean
has_secret (JsonObject *object)
{
  for (guint k = 0; k < G_N_ELEMENTS (secret_members); k++)
    {
      const char *value = gd_json_get_string (object, secret_members[k]);

      if (value != NULL && *value != '\0')
        return TRUE;
    }
  return FALSE;
}

static void
sync_objects (GdDisputeParts *self)
{
  for (guint i = 0; i < self->parts->len; i++)
    store_part (&g_array_index (self->parts, Part, i));
}

static void
on_remove_clicked (GtkButton      *button,
                   GdDisputeParts *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  sync_objects (self);
  if (index < self->parts->len)
    g_array_remove_index (self->parts, index);
  rebuild (self);
  notify_changed (self);
}

/* ---- parties from the register ---- */

static JsonObject *
find_member (JsonObject *household,
             const char *member_id)
{
  JsonArray *members = gd_json_get_array (household, "members");

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      if (g_strcmp0 (gd_json_get_string (member, "id"), member_id) == 0)
        return member;
    }
  return NULL;
}

static void
copy_string (JsonObject *to,
             JsonObject *from,
             const char *member)
{
  const char *value = gd_json_get_string (from, member);

  if (value != NULL)
    json_object_set_string_member (to, member, value);
}

static void
on_register_chosen (GdRegisterPopover *popover,
                    const char        *household_id,
                    const char        *member_id,
                    GdDisputeParts    *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (popover), "index"));
  g_autoptr(JsonObject) household = gd_store_get (self->store, household_id, NULL);
  JsonObject *person = find_member (household, member_id);
  Part *part;

  if (person == NULL || index >= self->parts->len)
    return;
  sync_objects (self);
  part = &g_array_index (self->parts, Part, index);
  json_object_set_string_member (part->object, "kind", "person");
  copy_string (part->object, person, "name");
  copy_string (part->object, person, "id_number");
  copy_string (part->object, person, "sex");
  copy_string (part->object, person, "ethnicity");
  copy_string (part->object, person, "birth_date");
  copy_string (part->object, person, "phone");
  copy_string (part->object, person, "occupation");
  copy_string (part->object, household, "address");
  /* the register's numbers are shown masked, as in the register's own lists */
  part->masked = self->actor != NULL && has_secret (part->object);
  load_part (part);
  /* the header's eye for the masked numbers: rebuilt once the popover (in that header) has
   * closed */
  if (part->masked)
    g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_idle, g_object_ref (self), g_object_unref);
  notify_changed (self);
}

static GtkWidget *
register_button (GdDisputeParts *self,
                 guint           index)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gd_register_popover_new (self->store);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("From Register…"));
  gtk_widget_set_tooltip_text (menu_button, _("Fill in the party from the household register"));
  gtk_widget_add_css_class (menu_button, "flat");
  g_object_set_data (G_OBJECT (popover), "index", GUINT_TO_POINTER (index));
  g_signal_connect (popover, "chosen", G_CALLBACK (on_register_chosen), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  return menu_button;
}

/* ---- revealing a party's numbers ---- */

static void
on_reveal_clicked (GtkButton      *button,
                   GdDisputeParts *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  Part *part;

  if (index >= self->parts->len || !self->may_reveal)
    return;
  part = &g_array_index (self->parts, Part, index);
  store_part (part);
  detail = g_strdup_printf ("id_number and phone of party %s",
                            gd_json_get_string (part->object, "name") != NULL
                            ? gd_json_get_string (part->object, "name") : "");
  /* nothing is shown unless the reveal is on record */
  if (self->doc_id != NULL
      && !gd_store_audit (self->store, self->actor, "reveal", self->doc_id, detail, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot show the number: %s"), error->message);

      gtk_widget_set_tooltip_text (GTK_WIDGET (button), text);
      return;
    }
  part->masked = FALSE;
  rebuild (self);
}

/* The header's eye (reveal, audited) or, for a role that may not see full numbers, a lock
 * saying so. */
static GtkWidget *
reveal_button (GdDisputeParts *self,
               guint           index)
{
  GtkWidget *widget;

  if (!self->may_reveal)
    {
      widget = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
      gtk_widget_set_tooltip_text (widget, _("Your role may not see full ID and phone numbers"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Your role may not see full ID and phone numbers"), -1);
      return widget;
    }
  widget = gtk_button_new_from_icon_name ("view-reveal-symbolic");
  gtk_widget_add_css_class (widget, "flat");
  gtk_widget_set_tooltip_text (widget, _("Show the full number (written to the audit log)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show numbers"), -1);
  g_object_set_data (G_OBJECT (widget), "index", GUINT_TO_POINTER (index));
  g_signal_connect (widget, "clicked", G_CALLBACK (on_reveal_clicked), self);
  return widget;
}

/* ---- the groups ---- */

static void
add_group (GdDisputeParts *self,
           guint           index)
{
  Part *part = &g_array_index (self->parts, Part, index);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = part_title (self, index);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);
  const GdFieldSpec *specs;
  guint n_specs;

  switch (self->kind)
    {
    case GD_DISPUTE_PARTS_PARTIES:
      specs = party_specs;
      n_specs = G_N_ELEMENTS (party_specs);
      if (part->masked)
        gtk_box_append (GTK_BOX (suffix), reveal_button (self, index));
      gtk_box_append (GTK_BOX (suffix), register_button (self, index));
      break;
    case GD_DISPUTE_PARTS_SESSIONS:
      specs = session_specs;
      n_specs = G_N_ELEMENTS (session_specs);
      break;
    case GD_DISPUTE_PARTS_FOLLOW_UPS:
    default:
      specs = follow_up_specs;
      n_specs = G_N_ELEMENTS (follow_up_specs);
      break;
    }
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_box_append (GTK_BOX (suffix), remove);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);
  part->fields = gd_field_group_new (ADW_PREFERENCES_GROUP (group), specs, n_specs, title,
                                     self->changed, self->user_data);
  load_part (part);
  gtk_box_append (GTK_BOX (self->groups), group);
}

static void
rebuild (GdDisputeParts *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->parts->len; i++)
    g_clear_pointer (&g_array_index (self->parts, Part, i).fields, gd_field_group_free);
  while ((child = gtk_widget_get_first_child (self->groups)) != NULL)
    gtk_box_remove (GTK_BOX (self->groups), child);
  for (guint i = 0; i < self->parts->len; i++)
    add_group (self, i);
}

static gboolean
rebuild_idle (gpointer data)
{
  rebuild (data);
  return G_SOURCE_REMOVE;
}

static void
on_add_clicked (GdDisputeParts *self)
{
  Part part = { .object = json_object_new () };
  g_autofree char *id = gd_uuid_new ();
  g_autofree char *now = gd_timestamp_format (NULL);

  sync_objects (self);
  json_object_set_string_member (part.object, "id", id);
  if (self->kind == GD_DISPUTE_PARTS_PARTIES)
    {
      json_object_set_string_member (part.object, "role", "third_party");
      json_object_set_string_member (part.object, "kind", "person");
    }
  else
    json_object_set_string_member (part.object, "at", now);
  g_array_append_val (self->parts, part);
  rebuild (self);
  notify_changed (self);
}

char *
gd_dispute_parts_describe (GdDisputeParts *self,
                           guint           index,
                           const char     *member)
{
  const char *label;
  g_autofree char *title = NULL;

  if (index >= self->parts->len)
    return NULL;
  label = gd_field_group_get_label (g_array_index (self->parts, Part, index).fields, member);
  if (label == NULL)
    return NULL;
  title = part_title (self, index);
  return g_strdup_printf (C_("field of", "%s: %s"), title, label);
}

void
gd_dispute_parts_set_reveal (GdDisputeParts *self,
                             const char     *actor,
                             gboolean        may_reveal,
                             const char     *doc_id)
{
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_free (self->doc_id);
  self->doc_id = g_strdup (doc_id);
  self->may_reveal = may_reveal;
}

GtkWidget *
gd_dispute_parts_get_field (GdDisputeParts *self,
                            guint           index,
                            const char     *member)
{
  if (index >= self->parts->len)
    return NULL;
  return gd_field_group_get (g_array_index (self->parts, Part, index).fields, member);
}

void
gd_dispute_parts_load (GdDisputeParts *self,
                       JsonArray      *items)
{
  g_array_set_size (self->parts, 0);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *object = json_array_get_object_element (items, i);
      Part part = { .object = object != NULL ? gd_json_copy_object (object) : json_object_new () };

      part.masked = self->kind == GD_DISPUTE_PARTS_PARTIES && self->actor != NULL
                    && has_secret (part.object);
      g_array_append_val (self->parts, part);
    }
  rebuild (self);
}

void
gd_dispute_parts_store (GdDisputeParts *self,
                        JsonObject     *doc,
                        const char     *member)
{
  JsonArray *array = json_array_new ();

  sync_objects (self);
  for (guint i = 0; i < self->parts->len; i++)
    json_array_add_object_element (array, gd_json_copy_object (g_array_index (self->parts, Part, i).object));
  if (json_array_get_length (array) > 0)
    json_object_set_array_member (doc, member, array);
  else
    {
      json_array_unref (array);
      if (json_object_has_member (doc, member))
        json_object_remove_member (doc, member);
    }
}

static void
gd_dispute_parts_dispose (GObject *object)
{
  GdDisputeParts *self = GD_DISPUTE_PARTS (object);

  g_clear_pointer (&self->parts, g_array_unref);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->doc_id, g_free);
  G_OBJECT_CLASS (gd_dispute_parts_parent_class)->dispose (object);
}

static void
gd_dispute_parts_class_init (GdDisputePartsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gd_dispute_parts_dispose;
}

static void
gd_dispute_parts_init (GdDisputeParts *self)
{
  self->parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (self->parts, (GDestroyNotify) part_clear);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);
  self->groups = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (self), self->groups);
}

GdDisputeParts *
gd_dispute_parts_new (GdDisputePartsKind kind,
                      GdStore           *store,
                      GCallback          changed,
                      gpointer           user_data)
{
  GdDisputeParts *self = g_object_new (GD_TYPE_DISPUTE_PARTS, NULL);
  const char *labels[] = { N_("Add Part_y"), N_("Add Sess_ion"), N_("Add _Visit") };
  GtkWidget *add;

  self->kind = kind;
  self->store = store;
  self->changed = changed;
  self->user_data = user_data;
  add = gtk_button_new_with_mnemonic (_(labels[kind]));
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_add_css_class (add, "pill");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked), self);
  gtk_box_append (GTK_BOX (self), add);
  return self;
}
