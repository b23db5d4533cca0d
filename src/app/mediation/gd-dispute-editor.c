/* gd-dispute-editor.c: a mediation case from intake to closing.
 *
 * The stages (登记, 当事人, 受理, 调解, 结果, 回访, 司法确认, 结案, 文书) are pages of one stack
 * with a numbered stepper on the left that ticks off what is done. Every field is a row bound
 * to a JSON member (gd-dispute-fields.c); the document is rebuilt from the rows, checked and
 * written with one gd_store_put(). Status moves go through gd_dispute_apply_transition(), so
 * the editor and griddesk-ctl obey the same stage rules; the case number comes from the store
 * when the case is accepted. Fields the form does not show are kept as they were.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-dispute-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gd-fit-window.h"
#include "gd-dispute-documents.h"
#include "gd-dispute-editor.h"
#include "gd-dispute-fields.h"
#include "gd-dispute-flow.h"
#include "gd-dispute-parts.h"
#include "gd-dispute-stage.h"
#include "gd-mediation-format.h"
#include "gd-format.h"
#include "gd-json.h"
#include "gd-mediation.h"

typedef enum {
  STAGE_INTAKE,
  STAGE_PARTIES,
  STAGE_ACCEPTANCE,
  STAGE_SESSIONS,
  STAGE_OUTCOME,
  STAGE_FOLLOW_UPS,
  STAGE_CONFIRMATION,
  STAGE_CLOSING,
  STAGE_DOCUMENTS,
  N_STAGES,
} Stage;

static const struct {
  const char *name;
  const char *title;
  const char *description;
} stages[N_STAGES] = {
  { "intake", N_("Intake"), N_("How the dispute came to the committee and what it is about.") },
  { "parties", N_("Parties"), N_("Two or more parties: persons or organisations. Fill them in from the register where they live here.") },
  { "acceptance", N_("Acceptance"), N_("Taking the case on gives it its number; the parties are told their rights and duties.") },
  { "sessions", N_("Sessions"), N_("Each mediation session: when, where, who was there, what was said and what came of it.") },
  { "outcome", N_("Outcome"), N_("A written or oral agreement, a failed mediation, or a referral.") },
  { "follow-ups", N_("Follow-up"), N_("Plan the next visit to see that the agreement is carried out, and record each visit once it is made.") },
  { "confirmation", N_("Judicial Confirmation"), N_("The parties may jointly apply to the court within 30 days of the agreement taking effect.") },
  { "closing", N_("Closing"), N_("Closing the case, and who moved it on when.") },
  { "documents", N_("Documents"), N_("The case's documents in the standard formats, to print and sign.") },
};

static const char *const risk_levels[] = {
  "low", N_("Low"), "medium", N_("Medium"), "high", N_("High"), NULL
};
static const char *const confirmation_results[] = {
  "pending", N_("Pending"), "confirmed", N_("Confirmed"), "rejected", N_("Application rejected"), NULL
};

static const GdFieldSpec intake_specs[] = {
  { "received_at", N_("Received at"), GD_FIELD_TIME },
  { "source", N_("Source"), GD_FIELD_CODE, "dispute-sources" },
  { "category", N_("Category"), GD_FIELD_CODE, "dispute-categories" },
  { "summary", N_("Summary"), GD_FIELD_TEXT },
  { "facts", N_("Facts"), GD_FIELD_LONG },
  { "claims", N_("Requests of the parties"), GD_FIELD_LONG },
  { "occurred_at", N_("Occurred at"), GD_FIELD_TIME },
  { "people_involved", N_("People involved"), GD_FIELD_INT },
  { "amount_involved", N_("Amount involved (yuan)"), GD_FIELD_NUMBER },
};

static const GdFieldSpec risk_specs[] = {
  { "criminal_escalation", N_("Risk of turning criminal"), GD_FIELD_SWITCH },
  { "group_petition", N_("Risk of group petition"), GD_FIELD_SWITCH },
  { "level", N_("Risk level"), GD_FIELD_CHOICE, NULL, risk_levels },
};

static const GdFieldSpec acceptance_specs[] = {
  { "accepted_at", N_("Accepted at"), GD_FIELD_TIME },
  { "room", N_("Mediation room"), GD_FIELD_CODE, "mediation-rooms" },
  { "rights_notice_at", N_("Rights and duties notice given at"), GD_FIELD_TIME },
};

static const GdFieldSpec agreement_specs[] = {
  { "facts", N_("Main facts and points in dispute"), GD_FIELD_LONG },
  { "responsibilities", N_("Responsibilities"), GD_FIELD_LONG },
  { "terms", N_("Agreed terms"), GD_FIELD_LONG },
  { "signed_at", N_("Signed at"), GD_FIELD_TIME },
  { "effective_at", N_("Takes effect at"), GD_FIELD_TIME },
  { "copies", N_("Copies"), GD_FIELD_INT },
};

static const GdFieldSpec performance_specs[] = {
  { "method", N_("Performance method"), GD_FIELD_TEXT },
  { "place", N_("Performance place"), GD_FIELD_TEXT },
  { "deadline", N_("Performance deadline"), GD_FIELD_TIME },
};

static const GdFieldSpec failure_specs[] = {
  { "reason", N_("Why mediation failed"), GD_FIELD_LONG },
  { "routes_advised", N_("Routes advised"), GD_FIELD_NAMES },
};

static const GdFieldSpec referral_specs[] = {
  { "to", N_("Referred to"), GD_FIELD_TEXT },
  { "at", N_("Referred at"), GD_FIELD_TIME },
  { "reason", N_("Reason for referral"), GD_FIELD_TEXT },
};

static const GdFieldSpec confirmation_specs[] = {
  { "requested", N_("Judicial confirmation applied for"), GD_FIELD_SWITCH },
  { "filed_at", N_("Filed at"), GD_FIELD_TIME },
  { "court", N_("Court"), GD_FIELD_TEXT },
  { "case_number", N_("Court case number"), GD_FIELD_TEXT },
  { "result", N_("Result"), GD_FIELD_CHOICE, NULL, confirmation_results },
};

/* the next visit, planned apart from the visits made (follow_ups) */
static const GdFieldSpec plan_specs[] = {
  { "due", N_("Next visit on (YYYY-MM-DD)"), GD_FIELD_TEXT },
  { "by", N_("Next visit by"), GD_FIELD_TEXT },
};

static const GdFieldSpec closing_specs[] = {
  { "closed_at", N_("Closed at"), GD_FIELD_TIME },
};

/* the outcome drop-down, in this order */
#define NO_MOVE (-1)   /* a write that only saves, not a status move */

enum { RESULT_NONE, RESULT_WRITTEN, RESULT_ORAL, RESULT_FAILED, RESULT_REFERRED };

struct _GdDisputeEditor
{
  AdwWindow           parent_instance;

  /* template children */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkWidget          *save_button;
  GtkBox             *badge_box;
  GtkRevealer        *banner_revealer;
  GtkLabel           *banner_label;
  GtkBox             *stage_box;
  GtkStack           *stack;

  GdDisputeStage     *stage_buttons[N_STAGES];
  GtkBox             *stage_pages[N_STAGES];     /* each page's column */

  GdFieldGroup       *intake;
  GdFieldGroup       *risk;
  GdFieldGroup       *acceptance;
  GdFieldGroup       *agreement;
  GdFieldGroup       *performance;
  GdFieldGroup       *failure;
  GdFieldGroup       *referral;
  GdFieldGroup       *confirmation;
  GdFieldGroup       *plan;
  GdFieldGroup       *closing;
  GdDisputeParts     *parties;
  GdDisputeParts     *sessions;
  GdDisputeParts     *follow_ups;
  GtkDropDown        *lead_dropdown;
  GtkDropDown        *assist_dropdown;
  GPtrArray          *roster;          /* mediator documents, JsonObject */
  GtkDropDown        *result_dropdown;
  GtkWidget          *agreement_group;
  GtkWidget          *performance_group;
  GtkWidget          *failure_group;
  GtkWidget          *referral_group;
  AdwActionRow       *number_row;
  AdwActionRow       *window_row;      /* the 30-day confirmation window */
  GtkWidget          *accept_button;
  GtkWidget          *conclude_button;
  GtkWidget          *close_button;
  GtkListBox         *history_list;
  GdDisputeDocuments *documents;

  GdStore            *store;           /* the session\'s, kept while open */
  GdOperator         *op;
  JsonObject         *doc;             /* the working copy: what was loaded or last saved */
  char               *baseline;        /* the rows as built right after loading: the dirty check */
  gboolean            loading;
  gboolean            discarding;
  GPtrArray          *marked;          /* paths of the fields marked wrong */
  int                 attempt;         /* the status the refused write moved to, or NO_MOVE */
};

G_DEFINE_FINAL_TYPE (GdDisputeEditor, gd_dispute_editor, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void on_changed (GdDisputeEditor *self);
static void check_again (GdDisputeEditor *self);
static void on_result_selected (GdDisputeEditor *self);

/* ---- building the stages ---- */

static void
on_stage_toggled (GtkToggleButton *button,
                  GdDisputeEditor *self)
{
  if (gtk_toggle_button_get_active (button))
    gtk_stack_set_visible_child (self->stack, gd_dispute_stage_get_page (GD_DISPUTE_STAGE (button)));
}

/* The stage's button in the stepper, its page in the stack; returns the page's column. */
static GtkBox *
add_stage (GdDisputeEditor *self,
           Stage            stage)
{
  GdDisputeStage *button = gd_dispute_stage_new (stage + 1, _(stages[stage].title),
                                                 _(stages[stage].description));

  if (stage > 0)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                 GTK_TOGGLE_BUTTON (self->stage_buttons[0]));
  g_signal_connect (button, "toggled", G_CALLBACK (on_stage_toggled), self);
  gtk_box_append (self->stage_box, GTK_WIDGET (button));
  gtk_stack_add_named (self->stack, gd_dispute_stage_get_page (button), stages[stage].name);
  self->stage_buttons[stage] = GD_DISPUTE_STAGE (button);
  self->stage_pages[stage] = gd_dispute_stage_get_box (button);
  return self->stage_pages[stage];
}

static AdwPreferencesGroup *
add_group (GtkBox     *page,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (page, group);
  return ADW_PREFERENCES_GROUP (group);
}

static GdFieldGroup *
add_fields (GdDisputeEditor     *self,
            AdwPreferencesGroup *group,
            const GdFieldSpec   *specs,
            guint                n_specs)
{
  return gd_field_group_new (group, specs, n_specs, NULL, G_CALLBACK (on_changed), self);
}

static GtkWidget *
action_button (GtkBox     *page,
               const char *label,
               const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (page, button);
  return button;
}

/* The roster's active mediators in a drop-down ("—" first); `roster` gives the documents. */
static GtkDropDown *
mediator_dropdown (GdDisputeEditor *self,
                   const char      *label)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;

  gtk_string_list_append (names, "—");
  for (guint i = 0; i < self->roster->len; i++)
    gtk_string_list_append (names, gd_json_get_string (self->roster->pdata[i], "name"));
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gd_dropdown_follow_popup_selection (dropdown);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_changed), self);
  return dropdown;
}

/* The lead mediator's room is where the case is mediated, unless the room is chosen already. */
static void
on_lead_selected (GdDisputeEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->lead_dropdown);
  GtkDropDown *room = GTK_DROP_DOWN (gd_field_group_get (self->acceptance, "room"));

  if (self->loading || selected == 0 || selected > self->roster->len
      || gd_code_dropdown_get_code (room) != NULL)
    return;
  gd_code_dropdown_set_code (room, gd_json_get_string (self->roster->pdata[selected - 1], "room"));
}

static void
load_roster (GdDisputeEditor *self)
{
  GdListQuery query = { .type = GD_DOC_MEDIATOR };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = gd_store_list (self->store, &query, &error);

  self->roster = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      JsonObject *mediator = all->pdata[i];
      /* only those still serving are offered */
      if (json_object_get_boolean_member_with_default (mediator, "active", TRUE))
        g_ptr_array_add (self->roster, json_object_ref (mediator));
    }
}

static void
build_stages (GdDisputeEditor *self)
{
  GtkBox *page;
  AdwPreferencesGroup *group;
  GtkWidget *row;
  g_autoptr(GtkStringList) results = gtk_string_list_new (NULL);

  page = add_stage (self, STAGE_INTAKE);
  self->intake = add_fields (self, add_group (page, NULL), intake_specs, G_N_ELEMENTS (intake_specs));
  self->risk = add_fields (self, add_group (page, _("Risk")), risk_specs, G_N_ELEMENTS (risk_specs));

  page = add_stage (self, STAGE_PARTIES);
  self->parties = gd_dispute_parts_new (GD_DISPUTE_PARTS_PARTIES, self->store, G_CALLBACK (on_changed), self);
  gtk_box_append (page, GTK_WIDGET (self->parties));

  page = add_stage (self, STAGE_ACCEPTANCE);
  group = add_group (page, NULL);
  self->number_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->number_row), _("Case number"));
  gtk_widget_add_css_class (GTK_WIDGET (self->number_row), "property");
  adw_preferences_group_add (group, GTK_WIDGET (self->number_row));
  self->acceptance = add_fields (self, group, acceptance_specs, G_N_ELEMENTS (acceptance_specs));
  group = add_group (page, _("Mediators"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Lead mediator"));
  self->lead_dropdown = mediator_dropdown (self, _("Lead mediator"));
  g_signal_connect_swapped (self->lead_dropdown, "notify::selected", G_CALLBACK (on_lead_selected), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->lead_dropdown));
  adw_preferences_group_add (group, row);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Assisting mediator"));
  self->assist_dropdown = mediator_dropdown (self, _("Assisting mediator"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->assist_dropdown));
  adw_preferences_group_add (group, row);
  self->accept_button = action_button (page, _("_Accept Case"), "editor.accept");

  page = add_stage (self, STAGE_SESSIONS);
  self->sessions = gd_dispute_parts_new (GD_DISPUTE_PARTS_SESSIONS, self->store, G_CALLBACK (on_changed), self);
  gtk_box_append (page, GTK_WIDGET (self->sessions));

  page = add_stage (self, STAGE_OUTCOME);
  group = add_group (page, NULL);
  gtk_string_list_append (results, "—");
  gtk_string_list_append (results, _("Written agreement"));
  gtk_string_list_append (results, _("Oral agreement"));
  gtk_string_list_append (results, _("Mediation failed"));
  gtk_string_list_append (results, _("Referred elsewhere"));
  self->result_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&results)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->result_dropdown), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->result_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Result"), -1);
  gd_dropdown_follow_popup_selection (self->result_dropdown);
  g_signal_connect_swapped (self->result_dropdown, "notify::selected", G_CALLBACK (on_result_selected), self);
  g_signal_connect_swapped (self->result_dropdown, "notify::selected", G_CALLBACK (on_changed), self);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Result"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->result_dropdown));
  adw_preferences_group_add (group, row);
  group = add_group (page, _("Agreement (Art. 29)"));
  self->agreement_group = GTK_WIDGET (group);
  self->agreement = add_fields (self, group, agreement_specs, G_N_ELEMENTS (agreement_specs));
  group = add_group (page, _("Performance"));
  self->performance_group = GTK_WIDGET (group);
  self->performance = add_fields (self, group, performance_specs, G_N_ELEMENTS (performance_specs));
  group = add_group (page, _("Failed Mediation"));
  self->failure_group = GTK_WIDGET (group);
  self->failure = add_fields (self, group, failure_specs, G_N_ELEMENTS (failure_specs));
  group = add_group (page, _("Referral"));
  self->referral_group = GTK_WIDGET (group);
  self->referral = add_fields (self, group, referral_specs, G_N_ELEMENTS (referral_specs));
  self->conclude_button = action_button (page, _("_Record Outcome"), "editor.conclude");

  page = add_stage (self, STAGE_FOLLOW_UPS);
  self->plan = add_fields (self, add_group (page, _("Planned Visit")), plan_specs, G_N_ELEMENTS (plan_specs));
  self->follow_ups = gd_dispute_parts_new (GD_DISPUTE_PARTS_FOLLOW_UPS, self->store, G_CALLBACK (on_changed), self);
  gtk_box_append (page, GTK_WIDGET (self->follow_ups));

  page = add_stage (self, STAGE_CONFIRMATION);
  group = add_group (page, NULL);
  self->window_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->window_row), _("Application window"));
  gtk_widget_add_css_class (GTK_WIDGET (self->window_row), "property");
  adw_preferences_group_add (group, GTK_WIDGET (self->window_row));
  self->confirmation = add_fields (self, group, confirmation_specs, G_N_ELEMENTS (confirmation_specs));

  page = add_stage (self, STAGE_CLOSING);
  self->closing = add_fields (self, add_group (page, NULL), closing_specs, G_N_ELEMENTS (closing_specs));
  self->close_button = action_button (page, _("C_lose Case"), "editor.close-case");
  group = add_group (page, _("History"));
  self->history_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->history_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history_list), "boxed-list");
  adw_preferences_group_add (group, GTK_WIDGET (self->history_list));

  page = add_stage (self, STAGE_DOCUMENTS);
  self->documents = GD_DISPUTE_DOCUMENTS (gd_dispute_documents_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->documents), -1, 620);
  gtk_box_append (page, GTK_WIDGET (self->documents));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->stage_buttons[STAGE_INTAKE]), TRUE);
}

/* ---- the document and the rows ---- */

static guint
result_of (JsonObject *doc)
{
  JsonObject *agreement = gd_json_get_object (doc, "agreement");
  const char *status = gd_json_get_string (doc, "status");

  if (agreement != NULL)
    return g_strcmp0 (gd_json_get_string (agreement, "form"), "oral") == 0 ? RESULT_ORAL : RESULT_WRITTEN;
  if (gd_json_get_object (doc, "failure") != NULL || g_strcmp0 (status, "failed") == 0)
    return RESULT_FAILED;
  if (gd_json_get_object (doc, "referral") != NULL || g_strcmp0 (status, "referred") == 0)
    return RESULT_REFERRED;
  return RESULT_NONE;
}

static JsonObject *
child_object (JsonObject *doc,
              const char *member)
{
  JsonObject *object = gd_json_get_object (doc, member);

  if (object == NULL)
    {
      object = json_object_new ();
      json_object_set_object_member (doc, member, object);
    }
  return object;
}

static void
drop_member (JsonObject *doc,
             const char *member)
{
  if (json_object_has_member (doc, member))
    json_object_remove_member (doc, member);
}

static void
store_mediators (GdDisputeEditor *self,
                 JsonObject      *doc)
{
  GtkDropDown *dropdowns[] = { self->lead_dropdown, self->assist_dropdown };
  const char *roles[] = { "lead", "assist" };
  JsonArray *mediators = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      guint selected = gtk_drop_down_get_selected (dropdowns[i]);
      JsonObject *person, *mediator;

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->roster->len)
        continue;
      person = self->roster->pdata[selected - 1];
      mediator = json_object_new ();
      json_object_set_string_member (mediator, "id", gd_json_get_string (person, "_id"));
      json_object_set_string_member (mediator, "name", gd_json_get_string (person, "name"));
      json_object_set_string_member (mediator, "role", roles[i]);
      json_array_add_object_element (mediators, mediator);
    }
  if (json_array_get_length (mediators) > 0)
    json_object_set_array_member (doc, "mediators", mediators);
  else
    {
      json_array_unref (mediators);
      drop_member (doc, "mediators");
    }
}

static void
load_mediators (GdDisputeEditor *self)
{
  JsonArray *mediators = gd_json_get_array (self->doc, "mediators");

  gtk_drop_down_set_selected (self->lead_dropdown, 0);
  gtk_drop_down_set_selected (self->assist_dropdown, 0);
  for (guint i = 0; mediators != NULL && i < json_array_get_length (mediators); i++)
    {
      JsonObject *mediator = json_array_get_object_element (mediators, i);
      GtkDropDown *dropdown = g_strcmp0 (gd_json_get_string (mediator, "role"), "lead") == 0
                              ? self->lead_dropdown : self->assist_dropdown;

      for (guint k = 0; k < self->roster->len; k++)
        if (g_strcmp0 (gd_json_get_string (self->roster->pdata[k], "_id"),
                       gd_json_get_string (mediator, "id")) == 0)
          gtk_drop_down_set_selected (dropdown, k + 1);
    }
}

/* The case as the rows have it, on a copy of the working document. */
static JsonObject *
build_document (GdDisputeEditor *self)
{
  JsonObject *doc = gd_json_copy_object (self->doc);
  guint result = gtk_drop_down_get_selected (self->result_dropdown);
  JsonObject *risk;

  gd_field_group_store (self->intake, doc);
  risk = child_object (doc, "risk");
  gd_field_group_store (self->risk, risk);
  gd_field_group_store (self->acceptance, doc);
  store_mediators (self, doc);
  gd_dispute_parts_store (self->parties, doc, "parties");
  gd_dispute_parts_store (self->sessions, doc, "sessions");
  gd_dispute_parts_store (self->follow_ups, doc, "follow_ups");

  if (result == RESULT_WRITTEN || result == RESULT_ORAL)
    {
      JsonObject *agreement = child_object (doc, "agreement");

      gd_field_group_store (self->agreement, agreement);
      json_object_set_string_member (agreement, "form", result == RESULT_ORAL ? "oral" : "written");
      gd_field_group_store (self->performance, child_object (agreement, "performance"));
      if (json_object_get_size (gd_json_get_object (agreement, "performance")) == 0)
        drop_member (agreement, "performance");
    }
  else
    drop_member (doc, "agreement");
  if (result == RESULT_FAILED)
    gd_field_group_store (self->failure, child_object (doc, "failure"));
  else
    drop_member (doc, "failure");
  if (result == RESULT_REFERRED)
    gd_field_group_store (self->referral, child_object (doc, "referral"));
  else
    drop_member (doc, "referral");

  gd_field_group_store (self->confirmation, child_object (doc, "judicial_confirmation"));
  /* an untouched confirmation (only the switch, off) is no confirmation */
  if (json_object_get_size (gd_json_get_object (doc, "judicial_confirmation")) <= 1
      && !json_object_get_boolean_member_with_default (gd_json_get_object (doc, "judicial_confirmation"),
                                                       "requested", FALSE))
    drop_member (doc, "judicial_confirmation");
  gd_field_group_store (self->plan, child_object (doc, "follow_up_plan"));
  if (json_object_get_size (gd_json_get_object (doc, "follow_up_plan")) == 0)
    drop_member (doc, "follow_up_plan");
  gd_field_group_store (self->closing, doc);
  return doc;
}

/* Badges of a case for lists and the editor's header: status, then its soonest deadline. */
static void
update_badges (GdDisputeEditor *self)
{
  GtkWidget *child;
  g_autoptr(GArray) timers = NULL;
  const char *status = gd_json_get_string (self->doc, "status");
  GDate today;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badge_box))) != NULL)
    gtk_box_remove (self->badge_box, child);
  gd_mediation_today (&today);
  timers = gd_dispute_timers (self->doc, &today);
  if (timers->len > 0)
    {
      GdDisputeTimer *timer = &g_array_index (timers, GdDisputeTimer, 0);
      g_autofree char *text = gd_dispute_timer_text (timer);

      gtk_box_append (self->badge_box, gd_case_badge_new (text, gd_dispute_timer_style (timer)));
    }
  if (status != NULL)
    gtk_box_append (self->badge_box,
                    gd_case_badge_new (gd_code_display_name ("dispute-statuses", status),
                               gd_dispute_status_style (status)));
}

static void
update_title (GdDisputeEditor *self)
{
  const char *number = gd_json_get_string (self->doc, "number");
  const char *summary = gd_json_get_string (self->doc, "summary");

  adw_window_title_set_title (ADW_WINDOW_TITLE (self->window_title),
                              summary != NULL ? summary : _("New Mediation Case"));
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), number);
  adw_action_row_set_subtitle (self->number_row,
                               number != NULL ? number : _("Given when the case is accepted"));
}

static void
update_window_row (GdDisputeEditor *self)
{
  JsonObject *agreement = gd_json_get_object (self->doc, "agreement");
  GDate due;
  g_autofree char *text = NULL;

  if (gd_china_date_of (gd_json_get_string (agreement, "effective_at"), &due))
    {
      char day[64];

      g_date_add_days (&due, GD_DISPUTE_CONFIRMATION_DAYS);
      /* Translators: a date in g_date_strftime() syntax; Chinese: %Y年%-m月%-d日 */
      g_date_strftime (day, sizeof day, _("%-d %B %Y"), &due);
      /* Translators: the last day to apply for judicial confirmation */
      text = g_strdup_printf (_("Until %s (30 days from the agreement taking effect)"), day);
    }
  adw_action_row_set_subtitle (self->window_row,
                               text != NULL ? text : _("Opens when a written agreement takes effect"));
}

static void
update_history (GdDisputeEditor *self)
{
  JsonArray *history = gd_json_get_array (self->doc, "history");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonObject *entry = json_array_get_object_element (history, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = gd_format_date_time (gd_json_get_string (entry, "at"));
      /* Translators: a status change: from → to */
      g_autofree char *title = g_strdup_printf (_("%s → %s"),
                                                gd_code_display_name ("dispute-statuses", gd_json_get_string (entry, "from")),
                                                gd_code_display_name ("dispute-statuses", gd_json_get_string (entry, "to")));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", when != NULL ? when : "",
                                                   gd_json_get_string (entry, "by"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->history_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), history != NULL);
}

/* The parts of `array` with a name: a new case's empty applicant and respondent are none. */
static guint
count_named (JsonArray *array)
{
  guint n = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *name = gd_json_get_string (json_array_get_object_element (array, i), "name");
      g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

      if (*trimmed != '\0')
        n++;
    }
  return n;
}

/* What is done ticks off, what cannot be done yet is switched off. */
static void
update_stages (GdDisputeEditor *self,
               JsonObject      *built)
{
  JsonObject *doc = self->doc;
  const char *status = gd_json_get_string (doc, "status");
  guint result = gtk_drop_down_get_selected (self->result_dropdown);
  JsonArray *array;
  gboolean done[N_STAGES] = { 0 };
  gboolean stored = gd_json_get_string (doc, "_id") != NULL && json_object_has_member (doc, "created_at");
  GdDisputeStatus current = GD_DISPUTE_RECEIVED;

  gd_dispute_status_from_string (status, &current);
  done[STAGE_INTAKE] = stored;
  done[STAGE_PARTIES] = stored && count_named (gd_json_get_array (doc, "parties")) >= 2;
  done[STAGE_ACCEPTANCE] = gd_json_get_string (doc, "accepted_at") != NULL;
  done[STAGE_SESSIONS] = (array = gd_json_get_array (doc, "sessions")) != NULL && json_array_get_length (array) > 0;
  done[STAGE_OUTCOME] = current == GD_DISPUTE_AGREED || current == GD_DISPUTE_FAILED
                        || current == GD_DISPUTE_REFERRED || current == GD_DISPUTE_CLOSED;
  done[STAGE_FOLLOW_UPS] = (array = gd_json_get_array (doc, "follow_ups")) != NULL && json_array_get_length (array) > 0;
  done[STAGE_CONFIRMATION] = gd_json_get_string (gd_json_get_object (doc, "judicial_confirmation"), "filed_at") != NULL;
  done[STAGE_CLOSING] = current == GD_DISPUTE_CLOSED;
  for (guint i = 0; i < N_STAGES; i++)
    gd_dispute_stage_set_done (self->stage_buttons[i], done[i]);

  gtk_widget_set_visible (self->agreement_group, result == RESULT_WRITTEN || result == RESULT_ORAL);
  gtk_widget_set_visible (self->performance_group, result == RESULT_WRITTEN || result == RESULT_ORAL);
  gtk_widget_set_visible (self->failure_group, result == RESULT_FAILED);
  gtk_widget_set_visible (self->referral_group, result == RESULT_REFERRED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.accept",
                                 current == GD_DISPUTE_RECEIVED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.conclude",
                                 result != RESULT_NONE
                                 && (current == GD_DISPUTE_MEDIATING
                                     || (current == GD_DISPUTE_ACCEPTED && result != RESULT_WRITTEN && result != RESULT_ORAL)
                                     || (current == GD_DISPUTE_RECEIVED && result == RESULT_REFERRED)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.close-case",
                                 current == GD_DISPUTE_AGREED || current == GD_DISPUTE_FAILED
                                 || current == GD_DISPUTE_REFERRED);
  (void) built;
}

static void
load_rows (GdDisputeEditor *self)
{
  JsonObject *agreement = gd_json_get_object (self->doc, "agreement");

  self->loading = TRUE;
  gd_field_group_load (self->intake, self->doc);
  gd_field_group_load (self->risk, gd_json_get_object (self->doc, "risk"));
  gd_field_group_load (self->acceptance, self->doc);
  load_mediators (self);
  /* a stored case's numbers masked, as everywhere else; a new one's as they are typed */
  gd_dispute_parts_set_reveal (self->parties,
                               json_object_has_member (self->doc, "created_at") ? self->op->name : NULL,
                               gd_role_may_reveal (self->op->role),
                               gd_json_get_string (self->doc, "_id"));
  gd_dispute_parts_load (self->parties, gd_json_get_array (self->doc, "parties"));
  gd_dispute_parts_load (self->sessions, gd_json_get_array (self->doc, "sessions"));
  gd_dispute_parts_load (self->follow_ups, gd_json_get_array (self->doc, "follow_ups"));
  gtk_drop_down_set_selected (self->result_dropdown, result_of (self->doc));
  gd_field_group_load (self->agreement, agreement);
  gd_field_group_load (self->performance, gd_json_get_object (agreement, "performance"));
  gd_field_group_load (self->failure, gd_json_get_object (self->doc, "failure"));
  gd_field_group_load (self->referral, gd_json_get_object (self->doc, "referral"));
  gd_field_group_load (self->confirmation, gd_json_get_object (self->doc, "judicial_confirmation"));
  gd_field_group_load (self->plan, gd_json_get_object (self->doc, "follow_up_plan"));
  gd_field_group_load (self->closing, self->doc);
  self->loading = FALSE;

  g_free (self->baseline);
  {
    g_autoptr(JsonObject) built = build_document (self);
    self->baseline = gd_json_to_string (built, FALSE);
  }
  update_title (self);
  update_badges (self);
  update_window_row (self);
  update_history (self);
  update_stages (self, NULL);
  gd_dispute_documents_set_dispute (self->documents, self->store,
                                    json_object_has_member (self->doc, "created_at") ? self->doc : NULL,
                                    self->op->name);
}

/* Choosing an agreement starts it from what the case already says: the facts, signed and in
 * effect now, a copy for each party and one for the committee. */
static void
on_result_selected (GdDisputeEditor *self)
{
  guint result = gtk_drop_down_get_selected (self->result_dropdown);
  g_autoptr(JsonObject) current = json_object_new ();
  g_autoptr(JsonObject) start = NULL;
  g_autofree char *now = NULL;
  g_autofree char *facts = NULL;
  JsonArray *parties;

  if (self->loading || (result != RESULT_WRITTEN && result != RESULT_ORAL))
    return;
  gd_field_group_store (self->agreement, current);
  if (json_object_get_size (current) > 0)
    return;
  start = json_object_new ();
  now = gd_timestamp_format (NULL);
  facts = g_strjoin ("\n", gd_json_get_string (self->doc, "summary") ?: "",
                     gd_json_get_string (self->doc, "facts") ?: "", NULL);
  json_object_set_string_member (start, "facts", g_strstrip (facts));
  json_object_set_string_member (start, "signed_at", now);
  json_object_set_string_member (start, "effective_at", now);
  parties = gd_json_get_array (self->doc, "parties");
  if (result == RESULT_WRITTEN)
    json_object_set_int_member (start, "copies", (parties ? json_array_get_length (parties) : 2) + 1);
  self->loading = TRUE;
  gd_field_group_load (self->agreement, start);
  self->loading = FALSE;
}

static void
on_changed (GdDisputeEditor *self)
{
  if (self->loading)
    return;
  if (self->marked->len > 0)
    check_again (self);
  else
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  update_stages (self, NULL);
}

/* ---- saving and moving on ---- */

static void
show_problem (GdDisputeEditor *self,
              const char      *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

/* Where an issue's JSON path is on the form: a member of a field group, or of one part. */
typedef struct {
  GdFieldGroup   *fields;
  GdDisputeParts *parts;
  guint           index;
  const char     *member;
} FieldPlace;

static gboolean
find_place (GdDisputeEditor *self,
            const char      *path,
            FieldPlace      *place)
{
  static const struct { const char *prefix; gsize offset; } groups[] = {
    { "agreement.performance.", G_STRUCT_OFFSET (GdDisputeEditor, performance) },
    { "agreement.", G_STRUCT_OFFSET (GdDisputeEditor, agreement) },
    { "failure.", G_STRUCT_OFFSET (GdDisputeEditor, failure) },
    { "referral.", G_STRUCT_OFFSET (GdDisputeEditor, referral) },
    { "judicial_confirmation.", G_STRUCT_OFFSET (GdDisputeEditor, confirmation) },
    { "risk.", G_STRUCT_OFFSET (GdDisputeEditor, risk) },
    { "follow_up_plan.", G_STRUCT_OFFSET (GdDisputeEditor, plan) },
  };
  const struct { const char *member; GdDisputeParts *parts; } arrays[] = {
    { "parties[", self->parties }, { "sessions[", self->sessions }, { "follow_ups[", self->follow_ups },
  };
  GdFieldGroup *top[] = { self->intake, self->acceptance, self->closing };

  *place = (FieldPlace) { 0 };
  if (path == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    if (g_str_has_prefix (path, arrays[i].member))
      {
        char *end = NULL;
        guint64 index = g_ascii_strtoull (path + strlen (arrays[i].member), &end, 10);

        if (end == NULL || !g_str_has_prefix (end, "]."))
          return FALSE;
        *place = (FieldPlace) { .parts = arrays[i].parts, .index = (guint) index, .member = end + 2 };
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_has_prefix (path, groups[i].prefix))
      {
        place->fields = G_STRUCT_MEMBER (GdFieldGroup *, self, groups[i].offset);
        place->member = path + strlen (groups[i].prefix);
        return gd_field_group_get_label (place->fields, place->member) != NULL;
      }
  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    if (gd_field_group_get_label (top[i], path) != NULL)
      {
        *place = (FieldPlace) { .fields = top[i], .member = path };
        return TRUE;
      }
  return FALSE;
}

/* The row an issue's JSON path stands for, as the operator sees it ("受理时间",
 * "当事人2：姓名"); the path itself when the form has no such row. */
static char *
describe_path (GdDisputeEditor *self,
               const char      *path)
{
  FieldPlace place;
  char *label = NULL;

  if (find_place (self, path, &place))
    label = place.parts != NULL
            ? gd_dispute_parts_describe (place.parts, place.index, place.member)
            : g_strdup (gd_field_group_get_label (place.fields, place.member));
  return label != NULL ? label : g_strdup (path);
}

/* The widget of the row for `path`, or NULL */
static GtkWidget *
field_widget (GdDisputeEditor *self,
              const char      *path)
{
  FieldPlace place;

  if (!find_place (self, path, &place))
    return NULL;
  return place.parts != NULL
         ? gd_dispute_parts_get_field (place.parts, place.index, place.member)
         : gd_field_group_get (place.fields, place.member);
}

static int
arg_int (const GdIssue *issue,
         guint          index)
{
  return (int) g_ascii_strtoll (issue->args[index], NULL, 10);
}

/* The issue's message; where its code names other fields (by path, in its arguments), they
 * are named by their rows' labels: 早于 登记时间, not 早于 received_at. */
static char *
describe_message (GdDisputeEditor *self,
                  const GdIssue   *issue)
{
  guint n_args = issue->args != NULL ? g_strv_length (issue->args) : 0;
  const char *code = issue->code != NULL ? issue->code : "";
  g_autofree char *other = NULL;

  if (g_str_equal (code, GD_ISSUE_CODE_EARLIER_THAN) && n_args == 1)
    {
      other = describe_path (self, issue->args[0]);
      return g_strdup_printf (_("is earlier than %s"), other);
    }
  if (g_str_equal (code, GD_ISSUE_CODE_NOT_ACCEPTED) && n_args == 1)
    {
      other = describe_path (self, issue->args[0]);
      return g_strdup_printf (_("a session needs the case accepted first (%s)"), other);
    }
  if (g_str_equal (code, GD_ISSUE_CODE_NO_EFFECTIVE) && n_args == 2)
    {
      other = describe_path (self, issue->args[0]);
      return g_strdup_printf (_("needs an agreement with %s to count the %d days from"),
                              other, arg_int (issue, 1));
    }
  if (g_str_equal (code, GD_ISSUE_CODE_LATE_FILING) && n_args == 3)
    {
      other = describe_path (self, issue->args[1]);
      return g_strdup_printf (_("is %d days after %s, outside the %d-day window"),
                              arg_int (issue, 0), other, arg_int (issue, 2));
    }
  return g_strdup (issue->message);
}

/* Marks a field as wrong (or not) for the eye and for assistive technologies. */
static void
mark_field (GtkWidget *widget,
            gboolean   bad)
{
  if (bad)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  /* and on the text inside an entry row, which is what has the focus */
  if (GTK_IS_EDITABLE (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (widget))),
                                 GTK_ACCESSIBLE_STATE_INVALID,
                                 bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/* Shows the stage that holds `widget` and moves the focus there. */
static void
focus_field (GdDisputeEditor *self,
             GtkWidget       *widget)
{
  for (guint i = 0; i < N_STAGES; i++)
    if (gtk_widget_is_ancestor (widget, GTK_WIDGET (self->stage_pages[i])))
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->stage_buttons[i]), TRUE);
  gtk_widget_grab_focus (widget);
}

/* Every error on its own line under the name of its row; those rows marked (the marks of the
 * last refusal taken off first), and with `focus` the first of them focused. */
static void
show_issues (GdDisputeEditor *self,
             GdIssues        *issues,
             gboolean         focus)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *first = NULL;

  for (guint i = 0; i < self->marked->len; i++)
    {
      GtkWidget *widget = field_widget (self, self->marked->pdata[i]);

      if (widget != NULL)
        mark_field (widget, FALSE);
    }
  g_ptr_array_set_size (self->marked, 0);
  for (guint i = 0; issues != NULL && i < gd_issues_get_n_items (issues); i++)
    {
      const GdIssue *issue = gd_issues_get_item (issues, i);
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;
      GtkWidget *widget;

      if (issue->severity != GD_ISSUE_ERROR)
        continue;
      label = describe_path (self, issue->path);
      message = describe_message (self, issue);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, C_("field of", "%s: %s"), label, message);
      if ((widget = field_widget (self, issue->path)) == NULL)
        continue;
      mark_field (widget, TRUE);
      g_ptr_array_add (self->marked, g_strdup (issue->path));
      if (first == NULL)
        first = widget;
    }
  if (text->len == 0)
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  else
    show_problem (self, text->str);
  if (focus && first != NULL)
    focus_field (self, first);
}

/* Writes `doc` (taken); on success it becomes the working copy. */
static gboolean
put_document (GdDisputeEditor *self,
              JsonObject      *doc)
{
  g_autoptr(JsonObject) owned = doc;
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = gd_store_put (self->store, doc, self->op->name, issues, &error);

  if (id == NULL)
    {
      if (gd_issues_has_errors (issues))
        show_issues (self, issues, TRUE);
      else
        show_problem (self, error->message);
      return FALSE;
    }
  show_issues (self, NULL, FALSE);
  g_clear_pointer (&self->doc, json_object_unref);
  self->doc = g_steal_pointer (&owned);
  load_rows (self);
  g_signal_emit (self, signals[SAVED], 0, id);
  return TRUE;
}

/* The rows as a document ready to write: moved to `to` (or NO_MOVE: just saved), after
 * sessions recorded on an accepted case have started the mediation. NULL with `error` when
 * the move is refused. */
static JsonObject *
prepare_document (GdDisputeEditor *self,
                  int              to,
                  GError         **error)
{
  JsonObject *doc = build_document (self);
  JsonArray *sessions = gd_json_get_array (doc, "sessions");

  /* the first recorded session starts the mediation, also when the outcome is recorded */
  if ((to == NO_MOVE || to == GD_DISPUTE_AGREED || to == GD_DISPUTE_FAILED
       || to == GD_DISPUTE_REFERRED)
      && g_strcmp0 (gd_json_get_string (doc, "status"), "accepted") == 0
      && sessions != NULL && json_array_get_length (sessions) > 0
      && !gd_dispute_apply_transition (doc, GD_DISPUTE_MEDIATING, self->op->name, NULL, NULL, NULL))
    g_debug ("not moved to mediating");
  if (to != NO_MOVE
      && !gd_dispute_apply_transition (doc, (GdDisputeStatus) to, self->op->name, NULL, NULL, error))
    {
      json_object_unref (doc);
      return NULL;
    }
  return doc;
}

/* After a refusal, every edit checks the rows again as that write would: marks come off the
 * fields that are right now, and the message goes when nothing is wrong. */
static void
check_again (GdDisputeEditor *self)
{
  g_autoptr(GdIssues) issues = gd_issues_new ();
  g_autoptr(JsonObject) doc = prepare_document (self, self->attempt, NULL);

  if (doc == NULL)
    return;
  gd_store_validate (self->store, doc, self->op->name, issues);
  show_issues (self, issues, FALSE);
}

static void
save_or_move (GdDisputeEditor *self,
              int              to,
              const char      *done)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = prepare_document (self, to, &error);

  self->attempt = to;
  if (doc == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  if (put_document (self, doc))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
}

static void
editor_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_or_move (GD_DISPUTE_EDITOR (widget), NO_MOVE, _("Case saved"));
}

static void
move_to (GdDisputeEditor *self,
         GdDisputeStatus  to,
         const char      *done)
{
  save_or_move (self, (int) to, done);
}

static void
editor_accept (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  move_to (GD_DISPUTE_EDITOR (widget), GD_DISPUTE_ACCEPTED, _("Case accepted"));
}

static void
editor_conclude (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GdDisputeEditor *self = GD_DISPUTE_EDITOR (widget);

  switch (gtk_drop_down_get_selected (self->result_dropdown))
    {
    case RESULT_WRITTEN:
    case RESULT_ORAL:
      move_to (self, GD_DISPUTE_AGREED, _("Agreement recorded"));
      break;
    case RESULT_FAILED:
      move_to (self, GD_DISPUTE_FAILED, _("Failed mediation recorded"));
      break;
    case RESULT_REFERRED:
      move_to (self, GD_DISPUTE_REFERRED, _("Referral recorded"));
      break;
    default:
      break;
    }
}

static void
editor_close_case (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_to (GD_DISPUTE_EDITOR (widget), GD_DISPUTE_CLOSED, _("Case closed"));
}

static void
on_documents_message (GdDisputeDocuments *documents,
                      const char         *text,
                      GdDisputeEditor    *self)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* A new case: received now, filed under `grid`, an applicant and a respondent to fill in. */
static JsonObject *
new_case (GdStore    *store,
          const char *grid)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *now = gd_timestamp_format (NULL);
  g_autofree char *first_grid = NULL;
  JsonArray *parties = json_array_new ();
  const char *roles[] = { "applicant", "respondent" };

  if (grid == NULL || strlen (grid) != 15)
    {
      GdListQuery query = { .type = GD_DOC_GRID, .grid = grid };
      g_autoptr(GPtrArray) grids = gd_store_list (store, &query, NULL);

      for (guint i = 0; grids != NULL && i < grids->len && first_grid == NULL; i++)
        if (g_strcmp0 (gd_json_get_string (grids->pdata[i], "level"), "grid") == 0)
          first_grid = g_strdup (gd_json_get_string (grids->pdata[i], "code"));
      grid = first_grid;
    }
  json_object_set_string_member (doc, "type", "dispute");
  if (grid != NULL)
    json_object_set_string_member (doc, "grid", grid);
  json_object_set_string_member (doc, "status", "received");
  json_object_set_string_member (doc, "source", "party_applied");
  json_object_set_string_member (doc, "received_at", now);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      JsonObject *party = json_object_new ();
      g_autofree char *id = gd_uuid_new ();

      json_object_set_string_member (party, "id", id);
      json_object_set_string_member (party, "role", roles[i]);
      json_object_set_string_member (party, "kind", "person");
      json_array_add_object_element (parties, party);
    }
  json_object_set_array_member (doc, "parties", parties);
  return doc;
}

/* ---- life cycle ---- */

static gboolean
is_dirty (GdDisputeEditor *self)
{
  g_autoptr(JsonObject) built = build_document (self);
  g_autofree char *text = gd_json_to_string (built, FALSE);

  return g_strcmp0 (text, self->baseline) != 0;
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     GdDisputeEditor  *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  self->discarding = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
gd_dispute_editor_close_request (GtkWindow *window)
{
  GdDisputeEditor *self = GD_DISPUTE_EDITOR (window);
  AdwMessageDialog *dialog;

  if (self->discarding || self->doc == NULL || !is_dirty (self))
    return GTK_WINDOW_CLASS (gd_dispute_editor_parent_class)->close_request (window);
  dialog = gd_discard_dialog_new (window, _("The changes to this case have not been saved."));
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
gd_dispute_editor_dispose (GObject *object)
{
  GdDisputeEditor *self = GD_DISPUTE_EDITOR (object);

  g_clear_pointer (&self->intake, gd_field_group_free);
  g_clear_pointer (&self->risk, gd_field_group_free);
  g_clear_pointer (&self->acceptance, gd_field_group_free);
  g_clear_pointer (&self->agreement, gd_field_group_free);
  g_clear_pointer (&self->performance, gd_field_group_free);
  g_clear_pointer (&self->failure, gd_field_group_free);
  g_clear_pointer (&self->referral, gd_field_group_free);
  g_clear_pointer (&self->confirmation, gd_field_group_free);
  g_clear_pointer (&self->plan, gd_field_group_free);
  g_clear_pointer (&self->closing, gd_field_group_free);
  g_clear_pointer (&self->roster, g_ptr_array_unref);
  g_clear_pointer (&self->marked, g_ptr_array_unref);
  g_clear_pointer (&self->doc, json_object_unref);
  g_clear_pointer (&self->baseline, g_free);
  g_clear_pointer (&self->op, gd_operator_free);
  g_clear_pointer (&self->store, gd_store_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GD_TYPE_DISPUTE_EDITOR);
  G_OBJECT_CLASS (gd_dispute_editor_parent_class)->dispose (object);
}

static void
gd_dispute_editor_class_init (GdDisputeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gd_dispute_editor_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = gd_dispute_editor_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gd-dispute-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GdDisputeEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeEditor, badge_box);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeEditor, stage_box);
  gtk_widget_class_bind_template_child (widget_class, GdDisputeEditor, stack);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, editor_save);
  gtk_widget_class_install_action (widget_class, "editor.accept", NULL, editor_accept);
  gtk_widget_class_install_action (widget_class, "editor.conclude", NULL, editor_conclude);
  gtk_widget_class_install_action (widget_class, "editor.close-case", NULL, editor_close_case);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gd_dispute_editor_init (GdDisputeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->marked = g_ptr_array_new_with_free_func (g_free);
  self->attempt = NO_MOVE;
}

/* No taller or wider than the screen the parent is on leaves room for (a 1366 × 768 laptop
 * with a panel): the template's 1000 × 660, less where the monitor is smaller. */
static void
fit_to_screen (GdDisputeEditor *self,
               GtkWindow       *parent)
{
  GdkSurface *surface = parent != NULL ? gtk_native_get_surface (GTK_NATIVE (parent)) : NULL;
  GdkMonitor *monitor;
  GdkRectangle area;
  int width, height;

  if (surface == NULL
      || (monitor = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface)) == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), MIN (width, area.width - 48),
                               MIN (height, area.height - 100));
}

GdDisputeEditor *
gd_dispute_editor_new (GtkWindow        *parent,
                       GdSession        *session,
                       const char       *doc_id,
                       const char       *grid)
{
  GdStore *store = gd_session_get_store (session);
  const GdOperator *op = gd_session_get_operator (session);
  g_autoptr(GError) error = NULL;
  GdDisputeEditor *self;
  JsonObject *doc;

  g_return_val_if_fail (store != NULL && op != NULL, NULL);

  doc = doc_id != NULL ? gd_store_get (store, doc_id, &error) : new_case (store, grid);
  if (doc == NULL)
    {
      g_warning ("Cannot open %s: %s", doc_id, error->message);
      return NULL;
    }
  self = g_object_new (GD_TYPE_DISPUTE_EDITOR, "transient-for", parent, NULL);
  gd_fit_window_to_screen (GTK_WINDOW (self), parent, 1080, 780);
  self->store = gd_store_ref (store);
  self->op = gd_operator_copy (op);
  self->doc = doc;
  fit_to_screen (self, parent);
  load_roster (self);
  build_stages (self);
  g_signal_connect (self->documents, "message", G_CALLBACK (on_documents_message), self);
  load_rows (self);
  return self;
}
