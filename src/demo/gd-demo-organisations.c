/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-demo"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-credit-code.h"
#include "gd-demo-private.h"
#include "gd-incident-query.h"
#include "gd-json.h"
#include "gd-organisation.h"

/* Organisations and premises (单位 · 场所) of one village: about one per ten households, most
 * of them the 九小场所 of a Subei village, with their safety inspections. The last inspection
 * of some found hazards, each registered as an incident (公共安全隐患) with the rectification
 * date as its deadline; many of those dates have passed. Generated after every other part of a
 * village, so the rest of the demo comes out as it did before. */

#define HOUSEHOLDS_PER_ORGANISATION 10
/* the chance that one item of a last inspection is a hazard */
#define HAZARD_CHANCE 0.04

typedef struct {
  const char *premises;
  guint       weight;
  const char *const *words;   /* the business, after a surname or the village's name */
  gboolean    village_named;  /* named after the village rather than a family */
} PremisesPlan;

static const char *const school_words[] = { "阳光幼儿园", "育才幼儿园", "小太阳幼儿园", "启蒙托育园", NULL };
static const char *const clinic_words[] = { "诊所", "中医诊所", "口腔诊所", NULL };
static const char *const shop_words[] = { "便利店", "副食品店", "五金店", "日杂店", "农资店",
                                          "烟酒店", "母婴店", NULL };
static const char *const restaurant_words[] = { "面馆", "小吃", "饭店", "家常菜馆", "快餐店",
                                                "烧烤店", "早餐店", NULL };
static const char *const hotel_words[] = { "旅馆", "宾馆", "客栈", NULL };
static const char *const entertainment_words[] = { "KTV", "棋牌室", "歌舞厅", NULL };
static const char *const internet_words[] = { "网吧", "网咖", NULL };
static const char *const beauty_words[] = { "美发店", "美容院", "足浴店", "浴室", NULL };
static const char *const workshop_words[] = { "家具加工厂", "服装加工厂", "食品加工坊", "五金加工厂",
                                              "木材加工厂", NULL };
static const char *const three_in_one_words[] = { "服装加工点", "电动车修理铺", "废品收购站",
                                                  "豆腐坊", NULL };
static const char *const rental_words[] = { "出租房", NULL };
static const char *const key_place_words[] = { "加油站", "农贸市场", "敬老院", "汽车站", NULL };
static const char *const other_words[] = { "物流点", "快递驿站", "养殖场", NULL };

static const PremisesPlan premises_plans[] = {
  { "small_shop", 26, shop_words, FALSE },
  { "small_restaurant", 20, restaurant_words, FALSE },
  { "small_workshop", 9, workshop_words, FALSE },
  { "small_beauty_bath", 7, beauty_words, FALSE },
  { "three_in_one", 8, three_in_one_words, FALSE },
  { "rental_building", 8, rental_words, FALSE },
  { "small_hotel", 4, hotel_words, TRUE },
  { "small_clinic", 4, clinic_words, FALSE },
  { "small_school", 3, school_words, TRUE },
  { "small_entertainment", 2, entertainment_words, TRUE },
  { "small_internet_cafe", 2, internet_words, TRUE },
  { "key_place", 3, key_place_words, TRUE },
  { "other", 4, other_words, FALSE },
};

/* the kind of a premises, and its credit code category ("" for none) */
static const char *
pick_kind (GdDemo     *demo,
           const char *premises)
{
  if (g_str_equal (premises, "small_school") || g_str_equal (premises, "small_clinic"))
    return gd_demo_chance (demo, 0.5) ? "social_organisation" : "public_institution";
  if (g_str_equal (premises, "key_place"))
    return gd_demo_chance (demo, 0.6) ? "enterprise" : "public_institution";
  if (g_str_equal (premises, "rental_building"))
    return "other";
  if (g_str_equal (premises, "other") && gd_demo_chance (demo, 0.3))
    return "cooperative";
  if (g_str_equal (premises, "small_workshop") || g_str_equal (premises, "small_hotel"))
    return gd_demo_chance (demo, 0.6) ? "enterprise" : "individual_business";
  return gd_demo_chance (demo, 0.8) ? "individual_business" : "enterprise";
}

static const char *
credit_category (const char *kind)
{
  static const struct { const char *kind; const char *category; } categories[] = {
    { "enterprise", "91" }, { "individual_business", "92" }, { "cooperative", "93" },
    { "social_organisation", "52" }, { "public_institution", "12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (kind, categories[i].kind))
      return categories[i].category;
  return NULL;
}

/* A credit code of `category` registered in the demo county, with both check characters. */
static const char *
credit_code (GdDemo     *demo,
             const char *category)
{
  static const char body_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  char code[GD_CREDIT_CODE_LENGTH + 1];

  memcpy (code, category, 2);
  memcpy (code + 2, GD_DEMO_COUNTY_CODE, 6);
  /* codes issued since 2015 begin their organisation code with "MA" */
  code[8] = 'M';
  code[9] = 'A';
  for (guint i = 10; i < 16; i++)
    code[i] = body_chars[gd_demo_int (demo, 0, (int) strlen (body_chars))];
  code[16] = gd_credit_code_org_check_char (code + 8);
  code[17] = gd_credit_code_check_char (code);
  code[18] = '\0';
  return gd_demo_strdup (demo, code);
}

static const char *
organisation_name (GdDemo             *demo,
                   GdDemoVillage      *village,
                   const PremisesPlan *plan,
                   const char         *surname,
                   const char         *address)
{
  guint n_words = g_strv_length ((char **) plan->words);
  const char *word = plan->words[gd_demo_int (demo, 0, (int) n_words)];
  g_autofree char *place = NULL;

  if (g_str_equal (plan->premises, "rental_building"))
    return gd_demo_printf (demo, "%s%s", address, word);
  if (plan->village_named)
    {
      /* 新兴村 → 新兴 */
      place = g_strdup (village->name);
      if (g_str_has_suffix (place, "社区"))
        place[strlen (place) - strlen ("社区")] = '\0';
      else if (g_str_has_suffix (place, "村"))
        place[strlen (place) - strlen ("村")] = '\0';
      return gd_demo_printf (demo, "%s%s", place, word);
    }
  return gd_demo_printf (demo, "%s记%s", surname, word);
}

static JsonObject *
contact_new (const char *name,
             const char *phone)
{
  JsonObject *contact = json_object_new ();

  json_object_set_string_member (contact, "name", name);
  if (phone != NULL)
    json_object_set_string_member (contact, "phone", phone);
  return contact;
}

/* The surname of a Chinese name (two characters for the usual compound surnames). */
static char *
surname_of (const char *name)
{
  static const char *const compound[] = { "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "公孙" };

  for (guint i = 0; i < G_N_ELEMENTS (compound); i++)
    if (g_str_has_prefix (name, compound[i]))
      return g_strdup (compound[i]);
  return g_strndup (name, g_utf8_next_char (name) - name);
}

/* A hazard of the last inspection: an incident registered on the day of the inspection. */
static const char *
hazard_incident (GdDemo        *demo,
                 GdDemoGrid    *grid,
                 JsonObject    *organisation,
                 const char    *item_code,
                 const char    *inspector,
                 gint64         at,
                 const char    *rectify_by,
                 GError       **error)
{
  const GdCodeItem *item = gd_code_table_lookup (gd_codes_get ("inspection-items"), item_code);
  g_autofree char *deadline = gd_incident_day_start (rectify_by, 1);
  g_autofree char *number = NULL;
  JsonObject *location = gd_json_get_object (organisation, "location");
  JsonObject *doc, *links, *override;
  JsonArray *organisations;
  const char *doc_id;
  char at_text[21], day[11];

  /* numbered on after the village's other incidents of that (China) year */
  gd_demo_format_time (at, at_text);
  gd_demo_format_date (at + GD_DEMO_CST, day);
  number = gd_store_next_incident_number (demo->store, grid->village->code, atoi (day), error);
  if (number == NULL)
    return NULL;
  doc_id = gd_demo_doc_id (demo, "incident");
  doc = gd_demo_envelope (demo, "incident", doc_id, grid, at);
  links = json_object_new ();
  organisations = json_array_new ();
  override = json_object_new ();
  json_object_set_string_member (doc, "number", number);
  json_object_set_string_member (doc, "title",
                                 gd_demo_printf (demo, "%s: %s", gd_json_get_string (organisation, "name"),
                                                 item->name_zh));
  json_object_set_string_member (doc, "description",
                                 gd_demo_printf (demo, "安全检查发现：%s不符合要求，限期整改。",
                                                 item->name_zh));
  json_object_set_string_member (doc, "category", gd_code_item_get_string (item, "incident_category"));
  json_object_set_string_member (doc, "source", "patrol");
  json_object_set_string_member (doc, "urgency", "normal");
  json_object_set_object_member (doc, "location", gd_json_copy_object (location));
  json_object_set_object_member (doc, "reporter", contact_new (inspector, NULL));
  json_object_set_string_member (doc, "reported_at", at_text);
  json_object_set_string_member (doc, "deadline", deadline);
  json_object_set_string_member (override, "reason", "安全检查确定的整改期限");
  json_object_set_string_member (override, "by", inspector);
  json_object_set_object_member (doc, "deadline_override", override);
  json_object_set_string_member (doc, "handling_level", "grid");
  json_object_set_string_member (doc, "status", "registered");
  json_array_add_string_element (organisations, gd_json_get_string (organisation, "_id"));
  json_object_set_array_member (links, "organisations", organisations);
  json_object_set_object_member (doc, "links", links);
  demo->counts.incidents++;
  if (!gd_demo_put (demo, doc, error))
    return NULL;
  return doc_id;
}

static JsonObject *
inspection_new (GdDemo     *demo,
                GdDemoGrid *grid,
                gint64      at,
                const char *inspector)
{
  JsonObject *inspection = json_object_new ();
  JsonArray *inspectors = json_array_new ();

  gd_demo_set_uuid (demo, inspection, "id");
  gd_demo_set_time (inspection, "at", at);
  json_array_add_string_element (inspectors, inspector);
  if (grid->n_staff > 1 && gd_demo_chance (demo, 0.5))
    json_array_add_string_element (inspectors, grid->staff[1].name);
  json_object_set_array_member (inspection, "inspectors", inspectors);
  return inspection;
}

/* The inspections of one organisation, oldest first; hazards only in the last one. */
static gboolean
add_inspections (GdDemo     *demo,
                 GdDemoGrid *grid,
                 JsonObject *organisation,
                 const char *premises,
                 GError    **error)
{
  static const guint count_weights[] = { 12, 33, 33, 22 };
  guint n = gd_demo_weighted (demo, count_weights, G_N_ELEMENTS (count_weights));
  g_auto(GStrv) items = gd_organisation_checklist_items (premises);
  JsonArray *inspections = json_array_new ();
  int days_ago = gd_demo_int (demo, 3, 120);

  json_object_set_array_member (organisation, "inspections", inspections);
  /* the last first, then each earlier one a quarter or half a year before */
  for (guint k = 0; k < n; k++)
    {
      gboolean last = k == n - 1;
      int ago = days_ago + (int) (n - 1 - k) * gd_demo_int (demo, 90, 180);
      const char *inspector = grid->staff[0].name;
      gint64 at = gd_demo_work_time (demo, ago);
      JsonObject *inspection = inspection_new (demo, grid, at, inspector);
      JsonArray *checklist = json_array_new ();
      JsonArray *incidents = json_array_new ();
      char rectify_by[11];

      gd_demo_format_date (at + GD_DEMO_CST + gd_demo_int (demo, 7, 31) * GD_DEMO_DAY, rectify_by);
      json_object_set_array_member (inspection, "checklist", checklist);
      json_array_add_object_element (inspections, inspection);
      for (guint i = 0; items[i] != NULL; i++)
        {
          JsonObject *entry = json_object_new ();
          gboolean hazard = last && gd_demo_chance (demo, HAZARD_CHANCE);

          json_object_set_string_member (entry, "item", items[i]);
          json_object_set_string_member (entry, "result", hazard ? "hazard" : "passed");
          if (hazard)
            {
              const char *incident = hazard_incident (demo, grid, organisation, items[i], inspector,
                                                      at, rectify_by, error);
              if (incident == NULL)
                {
                  json_object_unref (entry);
                  json_array_unref (incidents);
                  return FALSE;
                }
              json_object_set_string_member (entry, "incident", incident);
              json_array_add_string_element (incidents, incident);
            }
          json_array_add_object_element (checklist, entry);
        }
      if (json_array_get_length (incidents) > 0)
        json_object_set_string_member (inspection, "rectify_by", rectify_by);
      json_object_set_array_member (inspection, "incidents", incidents);
      if (last)
        {
          JsonObject *risk = json_object_new ();

          json_object_set_string_member (risk, "level", gd_organisation_inspection_risk (inspection));
          json_object_set_string_member (risk, "inspection", gd_json_get_string (inspection, "id"));
          gd_demo_set_time (risk, "at", at);
          json_object_set_object_member (organisation, "risk", risk);
        }
    }
  return TRUE;
}

static gboolean
generate_one (GdDemo     *demo,
              GdDemoGrid *grid,
              GError    **error)
{
  static const char *const statuses[] = { "operating", "closed", "moved" };
  static const guint status_weights[] = { 90, 6, 4 };
  guint weights[G_N_ELEMENTS (premises_plans)];
  const PremisesPlan *plan;
  GdDemoVillage *village = grid->village;
  guint h = g_array_index (grid->households, guint, gd_demo_int (demo, 0, grid->households->len));
  GdDemoHousehold *household = &g_array_index (village->households, GdDemoHousehold, h);
  GdDemoPerson *operator_ = &g_array_index (village->persons, GdDemoPerson, household->first_person);
  g_autofree char *surname = surname_of (operator_->name);
  const char *kind, *category, *status, *address;
  gint64 opened = GD_DEMO_NOW - gd_demo_int (demo, 200, 6000) * GD_DEMO_DAY;
  GdDemoPoint point;
  JsonObject *doc;

  for (guint i = 0; i < G_N_ELEMENTS (premises_plans); i++)
    weights[i] = premises_plans[i].weight;
  plan = &premises_plans[gd_demo_weighted (demo, weights, G_N_ELEMENTS (weights))];
  kind = pick_kind (demo, plan->premises);
  category = credit_category (kind);
  status = statuses[gd_demo_weighted (demo, status_weights, G_N_ELEMENTS (statuses))];
  address = grid->urban ? gd_demo_printf (demo, "%s%d号", grid->roads[gd_demo_int (demo, 0, 2)],
                                          gd_demo_int (demo, 1, 300))
                        : household->address;
  point = grid->urban ? gd_demo_grid_point (demo, grid) : household->location;

  doc = gd_demo_envelope (demo, "organisation", gd_demo_doc_id (demo, "organisation"), grid, opened);
  json_object_set_string_member (doc, "name",
                                 organisation_name (demo, village, plan, surname, address));
  json_object_set_string_member (doc, "kind", kind);
  json_object_set_string_member (doc, "premises", plan->premises);
  /* most have a licence; a few small shops and rented rooms have none */
  if (category != NULL && gd_demo_chance (demo, 0.85))
    json_object_set_string_member (doc, "credit_code", credit_code (demo, category));
  json_object_set_object_member (doc, "representative",
                                 contact_new (operator_->name,
                                              operator_->phone ? operator_->phone : gd_demo_mobile (demo)));
  if (gd_demo_chance (demo, 0.4))
    json_object_set_object_member (doc, "safety_contact",
                                   contact_new (gd_demo_someone (demo, 0.5, 1965, 2000),
                                                gd_demo_mobile (demo)));
  json_object_set_string_member (doc, "address", address);
  json_object_set_object_member (doc, "location", gd_demo_location_new (point, address));
  json_object_set_int_member (doc, "employees", gd_demo_int (demo, 1, 30));
  json_object_set_double_member (doc, "floor_area", gd_demo_int (demo, 20, 600));
  gd_demo_set_date (doc, "opened_at", opened + GD_DEMO_CST);
  /* the operator's family lives on the premises (三合一, rooms above the shop) */
  if (g_str_equal (plan->premises, "three_in_one") || gd_demo_chance (demo, 0.15))
    {
      JsonArray *households = json_array_new ();
      json_array_add_string_element (households, household->doc_id);
      json_object_set_array_member (doc, "households", households);
    }
  json_object_set_string_member (doc, "status", status);
  if (g_str_equal (status, "operating") && !add_inspections (demo, grid, doc, plan->premises, error))
    {
      json_object_unref (doc);
      return FALSE;
    }
  demo->counts.organisations++;
  return gd_demo_put (demo, doc, error);
}

gboolean
gd_demo_organisations_generate (GdDemo        *demo,
                                GdDemoVillage *village,
                                GError       **error)
{
  for (guint g = 0; g < village->grids->len; g++)
    {
      GdDemoGrid *grid = g_ptr_array_index (village->grids, g);
      guint n;

      if (grid->households->len == 0)
        continue;
      n = (grid->households->len + gd_demo_int (demo, 0, HOUSEHOLDS_PER_ORGANISATION))
          / HOUSEHOLDS_PER_ORGANISATION;
      for (guint i = 0; i < n; i++)
        if (!generate_one (demo, grid, error))
          return FALSE;
    }
  return TRUE;
}
