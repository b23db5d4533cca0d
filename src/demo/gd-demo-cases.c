/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gd-demo"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gd-codes.h"
#include "gd-error.h"
#include "gd-demo-private.h"

/* Incidents, disputes, patrols, the mediator roster and components of one village. */

#define TOWN_CENTRE GD_DEMO_TOWN_NAME "综治中心"
#define COUNTY_CENTRE "亭湖区社会治理现代化指挥中心"
#define COURT "盐城市亭湖区人民法院"
/* incidents and disputes reach back to here */
#define HISTORY_DAYS 560

static const char *
short_address (const char *address)
{
  const char *prefix = GD_DEMO_COUNTY_PLACE GD_DEMO_TOWN_NAME;

  return g_str_has_prefix (address, prefix) ? address + strlen (prefix) : address;
}

static GdDemoGrid *
village_grid (GdDemoVillage *village,
              guint          index)
{
  return g_ptr_array_index (village->grids, index);
}

static GdDemoHousehold *
random_household (GdDemo     *demo,
                  GdDemoGrid *grid)
{
  GdDemoVillage *village = grid->village;
  guint k = g_array_index (grid->households, guint, gd_demo_int (demo, 0, grid->households->len));

  return &g_array_index (village->households, GdDemoHousehold, k);
}

/* Someone of the grid at least `min_age` old (with a phone if asked); NULL if none found. */
static GdDemoPerson *
random_person (GdDemo     *demo,
               GdDemoGrid *grid,
               int         min_age,
               gboolean    with_phone)
{
  GdDemoVillage *village = grid->village;

  for (guint attempt = 0; attempt < 64; attempt++)
    {
      GdDemoHousehold *household = random_household (demo, grid);
      GdDemoPerson *person = &g_array_index (village->persons, GdDemoPerson,
                                             household->first_person
                                             + gd_demo_int (demo, 0, household->n_persons));

      if (person->age >= min_age && (!with_phone || person->phone != NULL))
        return person;
    }
  return NULL;
}

static GdDemoHousehold *
household_of (GdDemoVillage *village,
              GdDemoPerson  *person)
{
  return &g_array_index (village->households, GdDemoHousehold, person->household);
}

static const char *
operator_name (GdDemo *demo)
{
  if (demo->operators[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (demo->operators); i++)
      demo->operators[i] = gd_demo_someone (demo, i == 1 ? 1.0 : 0.0, 1985, 1999);
  return demo->operators[gd_demo_int (demo, 0, G_N_ELEMENTS (demo->operators))];
}

/* `count` increasing times in office hours from after `from` up to about `to`, at least a
 * minute apart, on whole minutes. */
static void
spread_times (GdDemo *demo,
              gint64  from,
              gint64  to,
              guint   count,
              gint64 *out)
{
  gint64 previous = from;

  for (guint i = 0; i < count; i++)
    out[i] = from + (gint64) (gd_demo_double (demo, 0.0, 1.0) * (to - from));
  for (guint i = 0; i < count; i++)
    for (guint j = i + 1; j < count; j++)
      if (out[j] < out[i])
        {
          gint64 t = out[i]; out[i] = out[j]; out[j] = t;
        }
  for (guint i = 0; i < count; i++)
    {
      out[i] = gd_demo_office_hours (out[i]);
      if (out[i] < previous + 60)
        out[i] = previous + 60;
      previous = out[i];
    }
}

/* ---- code tables ------------------------------------------------------------------------- */

/* Incident sub-classes come from the code table so the demo follows its edits. */
static GPtrArray *incident_classes;   /* const GdCodeItem *, items with a parent */

gboolean
gd_demo_cases_prepare (GError **error)
{
  static gsize loaded = 0;
  GdCodeTable *table = gd_codes_get ("incident-categories");

  if (table == NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           "the incident-categories code table is missing");
      return FALSE;
    }
  if (g_once_init_enter (&loaded))
    {
      incident_classes = g_ptr_array_new ();
      for (guint i = 0; i < gd_code_table_get_n_items (table); i++)
        {
          const GdCodeItem *item = gd_code_table_get_item (table, i);
          if (item->parent != NULL)
            g_ptr_array_add (incident_classes, (gpointer) item);
        }
      g_once_init_leave (&loaded, 1);
    }
  if (incident_classes->len == 0
      || gd_codes_get ("dispute-categories") == NULL
      || gd_codes_get ("component-classes") == NULL)
    {
      g_set_error_literal (error, GD_ERROR, GD_ERROR_INVALID,
                           "the incident, dispute or component code tables are empty");
      return FALSE;
    }
  return TRUE;
}

static const GdCodeItem *
parent_item (const char *list,
             const GdCodeItem *item)
{
  return item->parent != NULL ? gd_code_table_lookup (gd_codes_get (list), item->parent) : NULL;
}

/* ---- mediators ----------------------------------------------------------------------------- */

/* The committee: its head (the village secretary), party members, respected elders (乡贤),
 * part-timers and a lawyer; one has stepped down. */
gboolean
gd_demo_mediators_generate (GdDemo        *demo,
                            GdDemoVillage *village,
                            GError       **error)
{
  static const struct { const char *kind; const char *room; } roster[] = {
    { "party_member", "party_member" }, { "party_member", "party_member" },
    { "village_sage", "village_sage" }, { "village_sage", "village_sage" },
    { "part_time", "village" }, { "part_time", "village" },
    { "professional", "professional" }, { "professional", "town_centre" },
  };
  GdDemoGrid *home = village_grid (village, 0);

  for (guint i = 0; i < G_N_ELEMENTS (roster); i++)
    {
      GdDemoMediator mediator = { 0 };
      JsonObject *doc;

      mediator.doc_id = gd_demo_doc_id (demo, "mediator");
      /* 乡贤 are retired teachers, cadres and elders */
      if (i == 0)
        mediator.name = village->secretary;
      else if (g_str_equal (roster[i].kind, "village_sage"))
        mediator.name = gd_demo_someone (demo, 0.8, 1945, 1962);
      else
        mediator.name = gd_demo_someone (demo, 0.6, 1965, 1992);
      mediator.phone = i == 0 ? village->secretary_phone : gd_demo_mobile (demo);
      mediator.kind = roster[i].kind;
      mediator.room = roster[i].room;
      mediator.active = i != 5;
      g_array_append_val (village->mediators, mediator);

      doc = gd_demo_envelope (demo, "mediator", mediator.doc_id, home,
                              GD_DEMO_NOW - gd_demo_int (demo, 400, 900) * GD_DEMO_DAY);
      json_object_set_string_member (doc, "name", mediator.name);
      json_object_set_string_member (doc, "phone", mediator.phone);
      json_object_set_string_member (doc, "kind", mediator.kind);
      json_object_set_string_member (doc, "room", mediator.room);
      json_object_set_boolean_member (doc, "active", mediator.active);
      demo->counts.mediators++;
      if (!gd_demo_put (demo, doc, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- patrols ------------------------------------------------------------------------------- */

static GdDemoPatrol *
patrol_new (GdDemo     *demo,
            GdDemoGrid *grid,
            const char *kind,
            int         days_ago,
            int         earliest,      /* local minute of the day */
            int         start_window,  /* minutes after earliest */
            int         min_minutes,
            int         max_minutes)
{
  GdDemoPatrol *patrol = g_new0 (GdDemoPatrol, 1);
  gint64 local_day = ((GD_DEMO_NOW + GD_DEMO_CST) / GD_DEMO_DAY - days_ago) * GD_DEMO_DAY;
  int local_minute = earliest + gd_demo_int (demo, 0, start_window);
  int minutes = gd_demo_int (demo, min_minutes, max_minutes);

  patrol->doc_id = gd_demo_doc_id (demo, "patrol");
  patrol->kind = kind;
  patrol->started_at = local_day + local_minute * 60 - GD_DEMO_CST;
  patrol->ended_at = patrol->started_at + minutes * 60;
  patrol->staff = (guint) gd_demo_int (demo, 0, (int) grid->n_staff);
  patrol->findings = g_ptr_array_new ();
  return patrol;
}

static void
patrol_free (gpointer data)
{
  GdDemoPatrol *patrol = data;

  g_ptr_array_unref (patrol->findings);
  g_free (patrol);
}

/* 三查: a daily round for the last 30 days, weekly checks for 12 weeks, monthly inspections
 * for 6 months — planned before the incidents so patrol findings can name them. */
void
gd_demo_patrols_plan (GdDemo     *demo,
                      GdDemoGrid *grid)
{
  grid->daily_patrols = g_ptr_array_new_with_free_func (patrol_free);
  grid->other_patrols = g_ptr_array_new_with_free_func (patrol_free);

  for (int d = 0; d < 30; d++)
    g_ptr_array_add (grid->daily_patrols,
                     patrol_new (demo, grid, "daily", d, 8 * 60 + 30, 90, 90, 180));
  for (int w = 0; w < 12; w++)
    g_ptr_array_add (grid->other_patrols,
                     patrol_new (demo, grid, "weekly", 7 * w + 2, 14 * 60, 60, 120, 240));
  for (int m = 0; m < 6; m++)
    g_ptr_array_add (grid->other_patrols,
                     patrol_new (demo, grid, "monthly", 30 * m + 5, 9 * 60, 60, 180, 300));
}

static JsonArray *
refs_array (GPtrArray *ids)
{
  JsonArray *array = json_array_sized_new (ids->len);

  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  return array;
}

static gboolean
patrol_write (GdDemo       *demo,
              GdDemoGrid   *grid,
              GdDemoPatrol *patrol,
              GError      **error)
{
  GdDemoVillage *village = grid->village;
  JsonObject *doc = gd_demo_envelope (demo, "patrol", patrol->doc_id, grid, patrol->started_at);
  gboolean daily = g_str_equal (patrol->kind, "daily");
  guint n = grid->households->len;
  guint want = daily ? (guint) gd_demo_int (demo, 5, 13)
                     : g_str_equal (patrol->kind, "weekly") ? (guint) gd_demo_int (demo, 15, 31)
                                                            : (guint) gd_demo_int (demo, 30, 61);
  guint visits = MIN (want, n);
  /* a round walks along neighbouring households */
  guint start = (guint) gd_demo_int (demo, 0, (int) n);
  JsonArray *visited = json_array_sized_new (visits);
  JsonArray *line = json_array_sized_new (visits);

  for (guint i = 0; i < visits; i++)
    {
      guint k = g_array_index (grid->households, guint, (start + i) % n);
      GdDemoHousehold *household = &g_array_index (village->households, GdDemoHousehold, k);
      JsonArray *position = json_array_sized_new (2);

      json_array_add_string_element (visited, household->doc_id);
      json_array_add_double_element (position, household->location.lon);
      json_array_add_double_element (position, household->location.lat);
      json_array_add_array_element (line, position);
    }

  json_object_set_string_member (doc, "kind", patrol->kind);
  json_object_set_string_member (doc, "patroller", grid->staff[patrol->staff].name);
  gd_demo_set_time (doc, "started_at", patrol->started_at);
  gd_demo_set_time (doc, "ended_at", patrol->ended_at);
  if (daily && visits >= 2)
    {
      JsonObject *route = json_object_new ();

      json_object_set_string_member (route, "type", "LineString");
      json_object_set_array_member (route, "coordinates", line);
      json_object_set_object_member (doc, "route", route);
    }
  else
    json_array_unref (line);
  json_object_set_array_member (doc, "visited_households", visited);
  json_object_set_array_member (doc, "findings", refs_array (patrol->findings));
  json_object_set_string_member (doc, "notes",
                                 patrol->findings->len == 0
                                 ? gd_demo_printf (demo, "走访%u户，未发现异常", visits)
                                 : gd_demo_printf (demo, "走访%u户，发现问题%u处，已登记上报",
                                                   visits, patrol->findings->len));
  demo->counts.patrols++;
  return gd_demo_put (demo, doc, error);
}

gboolean
gd_demo_patrols_generate (GdDemo        *demo,
                          GdDemoVillage *village,
                          GError       **error)
{
  for (guint g = 0; g < village->grids->len; g++)
    {
      GdDemoGrid *grid = village_grid (village, g);

      for (guint i = 0; i < grid->daily_patrols->len; i++)
        if (!patrol_write (demo, grid, g_ptr_array_index (grid->daily_patrols, i), error))
          return FALSE;
      for (guint i = 0; i < grid->other_patrols->len; i++)
        if (!patrol_write (demo, grid, g_ptr_array_index (grid->other_patrols, i), error))
          return FALSE;
    }
  return TRUE;
}

/* ---- disputes ------------------------------------------------------------------------------ */

typedef enum {
  DISPUTE_RECEIVED,
  DISPUTE_ACCEPTED,
  DISPUTE_MEDIATING,
  DISPUTE_AGREED,
  DISPUTE_FAILED,
  DISPUTE_REFERRED,
  DISPUTE_CLOSED,
  DISPUTE_N_STATUSES,
} DisputeStatus;

static const char * const dispute_status_names[DISPUTE_N_STATUSES] = {
  "received", "accepted", "mediating", "agreed", "failed", "referred", "closed",
};
static const guint dispute_status_weights[DISPUTE_N_STATUSES] = { 3, 4, 8, 14, 6, 6, 59 };
/* how many days ago such a case came in: [min, max) */
static const int dispute_age[DISPUTE_N_STATUSES][2] = {
  { 0, 4 }, { 1, 10 }, { 3, 25 }, { 8, 90 }, { 10, HISTORY_DAYS }, { 2, HISTORY_DAYS },
  { 75, HISTORY_DAYS },
};

typedef struct {
  const char *code;
  guint       weight;
  gboolean    organisation;   /* the other side is usually a company, hospital, landlord … */
  const char *summary;        /* what happened, after "<applicant>与<respondent>" */
  const char *claims;
  int         amount;         /* typical yuan, 0: none */
} DisputeKind;

/* Shares of the MoJ statistics for rural mediation committees. */
static const DisputeKind dispute_kinds[] = {
  { "neighbour", 25, FALSE, "因房前屋后排水、通行问题多次发生争执",
    "要求对方拆除堵塞排水沟的杂物，恢复通行", 0 },
  { "marriage_family", 20, FALSE, "因家庭琐事及赡养老人问题产生矛盾",
    "要求对方按月支付赡养费并分担老人医疗费用", 6000 },
  { "housing_homestead", 10, FALSE, "因宅基地界址及翻建房屋滴水问题发生纠纷",
    "要求确认宅基地界址，对方停止侵占", 0 },
  { "damages", 8, FALSE, "因家禽、车辆等财物损坏的赔偿数额协商不成",
    "要求对方赔偿财产损失", 3000 },
  { "contract", 6, TRUE, "因房屋装修合同履行及工程款结算发生争议",
    "要求对方支付剩余工程款", 20000 },
  { "labour", 6, TRUE, "因拖欠工资及工伤待遇发生劳动争议",
    "要求支付拖欠工资及经济补偿", 15000 },
  { "property_management", 5, TRUE, "因物业费收取及小区漏水维修问题发生纠纷",
    "要求物业公司维修漏水并减免部分物业费", 1500 },
  { "traffic_accident", 5, FALSE, "在村道发生电动车与轿车碰撞事故，就赔偿问题发生纠纷",
    "要求对方赔偿医疗费、误工费", 12000 },
  { "forest_land", 4, FALSE, "因承包地边界及流转土地租金发生纠纷",
    "要求按合同支付土地流转租金", 8000 },
  { "production_business", 3, TRUE, "因农资质量问题导致减产发生纠纷",
    "要求赔偿减产损失", 10000 },
  { "consumer", 3, TRUE, "因所购家电出现质量问题、协商退换未果发生纠纷",
    "要求退货退款", 2500 },
  { "expropriation_demolition", 2, FALSE, "因征地补偿款分配发生纠纷",
    "要求按人口重新分配补偿款", 50000 },
  { "environmental_pollution", 2, TRUE, "因生产噪声和粉尘影响居住发生纠纷",
    "要求对方整改并赔偿损失", 5000 },
  { "medical", 1, TRUE, "因诊疗过程中的医疗损害发生争议", "要求赔偿医疗损害", 30000 },
};

static const char * const organisations[] = {
  "盐城市新兴纺织有限公司", "江苏恒达机械制造有限公司", "盐城市金港建材有限公司",
  "新兴镇惠民家电商场", "盐城市亭湖区安居物业管理有限公司", "江苏顺通物流有限公司",
  "新兴镇卫生院", "盐城市鑫源汽车配件有限公司", "新兴镇丰收农资经营部",
};

static const DisputeKind *
dispute_kind (GdDemo *demo)
{
  GdCodeTable *table = gd_codes_get ("dispute-categories");
  guint n = gd_code_table_get_n_items (table);
  g_autofree guint *weights = g_new (guint, n);
  g_autofree const DisputeKind **kinds = g_new0 (const DisputeKind *, n);
  static const DisputeKind other = { NULL, 1, FALSE, "因经济往来发生纠纷", "要求对方履行约定", 2000 };
  guint pick;

  /* weights for the codes the table has; unknown ones are rare */
  for (guint i = 0; i < n; i++)
    {
      const GdCodeItem *item = gd_code_table_get_item (table, i);

      weights[i] = 1;
      for (guint k = 0; k < G_N_ELEMENTS (dispute_kinds); k++)
        if (g_str_equal (dispute_kinds[k].code, item->code))
          {
            weights[i] = dispute_kinds[k].weight * 4;
            kinds[i] = &dispute_kinds[k];
          }
    }
  pick = gd_demo_weighted (demo, weights, n);
  if (kinds[pick] != NULL)
    return kinds[pick];
  return &other;
}

static JsonObject *
person_party (GdDemo        *demo,
              GdDemoVillage *village,
              GdDemoPerson  *person,
              const char    *role)
{
  JsonObject *party = json_object_new ();

  gd_demo_set_uuid (demo, party, "id");
  json_object_set_string_member (party, "role", role);
  json_object_set_string_member (party, "kind", "person");
  json_object_set_string_member (party, "name", person->name);
  json_object_set_string_member (party, "sex", person->sex == 1 ? "1" : "2");
  json_object_set_string_member (party, "birth_date", person->birth_date);
  json_object_set_string_member (party, "id_number", person->id_number);
  if (person->phone != NULL)
    json_object_set_string_member (party, "phone", person->phone);
  json_object_set_string_member (party, "address", household_of (village, person)->address);
  if (person->occupation != NULL)
    json_object_set_string_member (party, "occupation", person->occupation);
  return party;
}

static JsonObject *
organisation_party (GdDemo     *demo,
                    const char *name,
                    const char *role)
{
  JsonObject *party = json_object_new ();
  const char *road;

  gd_demo_set_uuid (demo, party, "id");
  json_object_set_string_member (party, "role", role);
  json_object_set_string_member (party, "kind", "organisation");
  json_object_set_string_member (party, "name", name);
  json_object_set_string_member (party, "phone", gd_demo_landline (demo));
  road = gd_demo_road ((guint) gd_demo_int (demo, 0, 30));
  json_object_set_string_member (party, "address",
                                 gd_demo_printf (demo, "%s%s%s%d号", GD_DEMO_COUNTY_PLACE,
                                                 GD_DEMO_TOWN_NAME, road, gd_demo_int (demo, 1, 300)));
  return party;
}

/* A family quarrel is with a relative in the same household, a neighbour's with a neighbour. */
static GdDemoPerson *
respondent_for (GdDemo          *demo,
                GdDemoVillage   *village,
                GdDemoGrid      *grid,
                GdDemoPerson    *applicant,
                const DisputeKind *kind)
{
  if (g_strcmp0 (kind->code, "marriage_family") == 0)
    {
      GdDemoHousehold *household = household_of (village, applicant);

      for (guint i = 0; i < household->n_persons; i++)
        {
          GdDemoPerson *other = &g_array_index (village->persons, GdDemoPerson,
                                                household->first_person + i);
          if (other != applicant && other->age >= 18)
            return other;
        }
    }
  for (guint attempt = 0; attempt < 16; attempt++)
    {
      GdDemoPerson *other = random_person (demo, grid, 18, FALSE);

      if (other != NULL && other->household != applicant->household)
        return other;
    }
  return NULL;
}

typedef struct {
  DisputeStatus status;
  gint64        received_at;
  guint         grid;
  const char   *doc_id;
  guint         order;
} DisputePlan;

static int
compare_dispute_plans (gconstpointer a,
                       gconstpointer b)
{
  const DisputePlan *pa = a, *pb = b;

  if (pa->received_at != pb->received_at)
    return pa->received_at < pb->received_at ? -1 : 1;
  return pa->order < pb->order ? -1 : pa->order > pb->order;
}

static int
year_of (gint64 unix_utc)
{
  char text[21];

  /* the number's year is the local (CST) year of receipt */
  gd_demo_format_time (unix_utc + GD_DEMO_CST, text);
  return atoi (text);
}

static JsonObject *
session_new (GdDemo            *demo,
             gint64             at,
             const char        *place,
             JsonArray         *attendees,
             const char        *recorder,
             gboolean           last,
             DisputeStatus      status)
{
  static const char * const contents[] = {
    "调解员分别听取双方陈述，核实有关事实，向双方讲解相关法律规定。",
    "调解员组织双方面对面协商，释法说理，引导双方互谅互让。",
    "邀请村干部和双方亲属参与调解，对争议焦点逐项沟通。",
  };
  JsonObject *session = json_object_new ();
  const char *outcome;

  gd_demo_set_uuid (demo, session, "id");
  gd_demo_set_time (session, "at", at);
  json_object_set_string_member (session, "place", place);
  json_object_set_array_member (session, "attendees", attendees);
  json_object_set_string_member (session, "recorder", recorder);
  json_object_set_string_member (session, "content", gd_demo_pick (demo, contents));
  if (!last)
    outcome = "双方分歧较大，约定再次调解";
  else if (status == DISPUTE_AGREED || status == DISPUTE_CLOSED)
    outcome = "双方自愿达成调解协议";
  else if (status == DISPUTE_FAILED)
    outcome = "双方各执己见，调解不成";
  else
    outcome = "双方意见有所接近，继续调解";
  json_object_set_string_member (session, "outcome", outcome);
  return session;
}

static gboolean
dispute_write (GdDemo        *demo,
               GdDemoVillage *village,
               DisputePlan   *plan,
               guint          number,
               GError       **error)
{
  GdDemoGrid *grid = village_grid (village, plan->grid);
  const DisputeKind *kind = dispute_kind (demo);
  DisputeStatus status = plan->status;
  GdDemoPerson *applicant = random_person (demo, grid, 20, TRUE);
  GdDemoPerson *respondent = NULL;
  const char *respondent_name;
  const char *organisation = NULL;
  GdDemoHousehold *home;
  JsonObject *doc;
  JsonArray *parties;
  gint64 received = plan->received_at, accepted = 0, last = received, occurred;
  gboolean referred_early = status == DISPUTE_REFERRED && gd_demo_chance (demo, 0.5);
  gboolean taken_on = status != DISPUTE_RECEIVED && !referred_early;
  GdDemoMediator *lead = NULL, *assist = NULL;
  const char *room_place = NULL;
  gint64 effective = 0;

  if (applicant == NULL)
    applicant = random_person (demo, grid, 0, FALSE);
  home = household_of (village, applicant);
  if (kind->organisation)
    organisation = gd_demo_pick (demo, organisations);
  else
    respondent = respondent_for (demo, village, grid, applicant, kind);
  if (!kind->organisation && respondent == NULL)
    organisation = gd_demo_pick (demo, organisations);
  respondent_name = respondent != NULL ? respondent->name : organisation;

  doc = gd_demo_envelope (demo, "dispute", plan->doc_id, grid, received);
  json_object_set_string_member (doc, "number",
                                 gd_demo_printf (demo, "(%d)%s人调字第%u号", year_of (received),
                                                 village->name, number));
  json_object_set_string_member (doc, "category", kind->code != NULL ? kind->code : "other");
  json_object_set_string_member (doc, "summary",
                                 gd_demo_printf (demo, "%s与%s%s", applicant->name, respondent_name, kind->summary));
  json_object_set_string_member (doc, "facts",
                                 gd_demo_printf (demo, "经了解，双方矛盾起于%d个月前，期间多次协商未果，"
                                                 "%s遂向调委会申请调解。", gd_demo_int (demo, 1, 13),
                                                 applicant->name));
  json_object_set_string_member (doc, "claims", kind->claims);
  occurred = received - gd_demo_int (demo, 1, 30) * GD_DEMO_DAY;
  occurred -= gd_demo_int (demo, 0, 600) * 60;
  gd_demo_set_time (doc, "occurred_at", occurred);
  json_object_set_object_member (doc, "location", gd_demo_location_new (home->location, home->address));
  {
    static const char * const sources[] = {
      "party_applied", "proactive", "police_referral", "court_referral", "petition_referral",
      "government_referral",
    };
    static const guint weights[] = { 50, 25, 10, 5, 5, 5 };
    json_object_set_string_member (doc, "source", sources[gd_demo_weighted (demo, weights, G_N_ELEMENTS (weights))]);
  }
  gd_demo_set_time (doc, "received_at", received);
  json_object_set_int_member (doc, "people_involved", gd_demo_int (demo, 2, 6));
  if (kind->amount > 0)
    json_object_set_int_member (doc, "amount_involved",
                                100 * (gint64) (kind->amount * gd_demo_double (demo, 0.3, 2.0) / 100));
  {
    JsonObject *risk = json_object_new ();
    double r = g_rand_double (demo->rand);

    json_object_set_boolean_member (risk, "criminal_escalation", r < 0.03);
    json_object_set_boolean_member (risk, "group_petition",
                                    g_strcmp0 (kind->code, "expropriation_demolition") == 0 && r < 0.3);
    json_object_set_string_member (risk, "level", r < 0.05 ? "high" : r < 0.25 ? "medium" : "low");
    json_object_set_object_member (doc, "risk", risk);
  }

  parties = json_array_new ();
  json_array_add_object_element (parties, person_party (demo, village, applicant, "applicant"));
  /* an application may name only the applicant at first */
  if (taken_on || gd_demo_chance (demo, 0.6))
    json_array_add_object_element (parties,
                                   respondent != NULL
                                   ? person_party (demo, village, respondent, "respondent")
                                   : organisation_party (demo, organisation, "respondent"));
  if (taken_on && gd_demo_chance (demo, 0.05))
    json_array_add_object_element (parties,
                                   organisation_party (demo, gd_demo_printf (demo, "%s村（居）民委员会", village->name),
                                                       "third_party"));
  json_object_set_array_member (doc, "parties", parties);

  if (taken_on)
    {
      /* taken on within three days, leaving time for what followed */
      gint64 room = MIN (3 * GD_DEMO_DAY, (GD_DEMO_NOW - received) / 3);

      accepted = gd_demo_office_hours (received + (gint64) (room * gd_demo_double (demo, 0.0, 1.0)));
      accepted = MAX (accepted, received + 600);
      gd_demo_set_time (doc, "accepted_at", accepted);
      gd_demo_set_time (doc, "rights_notice_at", accepted + 600);
      last = accepted + 600;

      do
        lead = &g_array_index (village->mediators, GdDemoMediator,
                               gd_demo_int (demo, 0, village->mediators->len));
      while (!lead->active);
      if (gd_demo_chance (demo, 0.6))
        do
          assist = &g_array_index (village->mediators, GdDemoMediator,
                                   gd_demo_int (demo, 0, village->mediators->len));
        while (!assist->active || assist == lead);
      json_object_set_string_member (doc, "room", lead->room);
      room_place = g_str_equal (lead->room, "town_centre")
                   ? GD_DEMO_TOWN_NAME "矛盾纠纷调处中心"
                   : gd_demo_printf (demo, "%s%s", village->name,
                                     g_str_equal (lead->room, "party_member") ? "党员调解室"
                                     : g_str_equal (lead->room, "village_sage") ? "乡贤调解室"
                                     : g_str_equal (lead->room, "professional") ? "专业调解室"
                                     : "调解室");
      {
        JsonArray *mediators = json_array_new ();
        GdDemoMediator *team[2] = { lead, assist };

        for (guint i = 0; i < 2 && team[i] != NULL; i++)
          {
            JsonObject *m = json_object_new ();
            json_object_set_string_member (m, "id", team[i]->doc_id);
            json_object_set_string_member (m, "name", team[i]->name);
            json_object_set_string_member (m, "role", i == 0 ? "lead" : "assist");
            json_array_add_object_element (mediators, m);
          }
        json_object_set_array_member (doc, "mediators", mediators);
      }
    }

  /* sessions for everything that got as far as mediating */
  if (status == DISPUTE_MEDIATING || status == DISPUTE_AGREED || status == DISPUTE_FAILED
      || status == DISPUTE_CLOSED || (status == DISPUTE_REFERRED && taken_on && gd_demo_chance (demo, 0.5)))
    {
      JsonArray *sessions = json_array_new ();
      guint n = (guint) gd_demo_int (demo, 1, 4);
      gint64 times[3];
      /* mediation is meant to conclude within a month */
      gint64 until = MIN (accepted + gd_demo_int (demo, 2, 30) * GD_DEMO_DAY, GD_DEMO_NOW - 2 * GD_DEMO_HOUR);

      spread_times (demo, last, MAX (until, last + 3 * 3600), n, times);
      for (guint i = 0; i < n; i++)
        {
          JsonArray *attendees = json_array_new ();

          json_array_add_string_element (attendees, applicant->name);
          json_array_add_string_element (attendees, respondent_name);
          json_array_add_string_element (attendees, lead->name);
          if (assist != NULL)
            json_array_add_string_element (attendees, assist->name);
          json_array_add_object_element (sessions,
                                         session_new (demo, times[i], room_place, attendees,
                                                      assist != NULL ? assist->name : lead->name,
                                                      i + 1 == n, status));
        }
      json_object_set_array_member (doc, "sessions", sessions);
      last = times[n - 1];
    }

  if (status == DISPUTE_AGREED || status == DISPUTE_CLOSED)
    {
      JsonObject *agreement = json_object_new ();
      JsonObject *performance = json_object_new ();
      gboolean written = gd_demo_chance (demo, 0.85);
      gint64 signed_at = last + gd_demo_int (demo, 20, 120) * 60;
      gint64 deadline;

      effective = signed_at;
      deadline = effective + gd_demo_int (demo, 7, 61) * GD_DEMO_DAY;
      json_object_set_string_member (agreement, "form", written ? "written" : "oral");
      json_object_set_string_member (agreement, "facts", json_object_get_string_member (doc, "summary"));
      json_object_set_string_member (agreement, "responsibilities",
                                     gd_demo_printf (demo, "%s对纠纷的发生负主要责任", respondent_name));
      json_object_set_string_member (agreement, "terms",
                                     kind->amount > 0
                                     ? gd_demo_printf (demo, "%s于%d日内一次性支付%s人民币%d元，双方就此纠纷再无其他争议。",
                                                       respondent_name, (int) ((deadline - effective) / GD_DEMO_DAY),
                                                       applicant->name,
                                                       100 * (int) (kind->amount * gd_demo_double (demo, 0.2, 1.0) / 100))
                                     : gd_demo_printf (demo, "%s于%d日内停止侵害、恢复原状，双方互谅互让，和睦相处。",
                                                       respondent_name, (int) ((deadline - effective) / GD_DEMO_DAY)));
      json_object_set_string_member (performance, "method", kind->amount > 0 ? "一次性支付" : "自行履行");
      json_object_set_string_member (performance, "place", room_place);
      gd_demo_set_time (performance, "deadline", deadline);
      json_object_set_object_member (agreement, "performance", performance);
      gd_demo_set_time (agreement, "signed_at", signed_at);
      gd_demo_set_time (agreement, "effective_at", effective);
      if (written)
        json_object_set_int_member (agreement, "copies", 3);
      json_object_set_object_member (doc, "agreement", agreement);
      last = signed_at;

      /* a few ask the court to confirm the agreement, within 30 days of it taking effect */
      if (written && gd_demo_chance (demo, 0.08) && effective + GD_DEMO_DAY < GD_DEMO_NOW)
        {
          JsonObject *confirmation = json_object_new ();
          gint64 filed = effective + gd_demo_int (demo, 1, 26) * GD_DEMO_DAY;

          filed = MIN (filed, GD_DEMO_NOW - 3600);
          json_object_set_boolean_member (confirmation, "requested", TRUE);
          gd_demo_set_time (confirmation, "filed_at", filed);
          json_object_set_string_member (confirmation, "court", COURT);
          json_object_set_string_member (confirmation, "case_number",
                                         gd_demo_printf (demo, "(%d)苏0902民特%d号", year_of (filed),
                                                         gd_demo_int (demo, 100, 2000)));
          json_object_set_string_member (confirmation, "result",
                                         filed + 15 * GD_DEMO_DAY < GD_DEMO_NOW ? "confirmed" : "pending");
          json_object_set_object_member (doc, "judicial_confirmation", confirmation);
        }

      /* follow-up visits check the agreement is carried out */
      if ((status == DISPUTE_CLOSED || gd_demo_chance (demo, 0.3))
          && last + 3 * GD_DEMO_DAY < GD_DEMO_NOW)
        {
          JsonArray *follow_ups = json_array_new ();
          guint n = status == DISPUTE_CLOSED ? (guint) gd_demo_int (demo, 1, 3) : 1;
          gint64 at = last;

          for (guint i = 0; i < n; i++)
            {
              JsonObject *follow_up = json_object_new ();
              gboolean final = i + 1 == n && status == DISPUTE_CLOSED;
              /* visits a few days to weeks apart, the last before now */
              gint64 next = MIN (at + gd_demo_int (demo, 3, 21) * GD_DEMO_DAY,
                                 GD_DEMO_NOW - (gint64) (n - i) * 3600);

              at = MAX (next, at + 60);
              gd_demo_set_uuid (demo, follow_up, "id");
              gd_demo_set_time (follow_up, "at", at);
              json_object_set_string_member (follow_up, "by", lead->name);
              json_object_set_string_member (follow_up, "fulfilled",
                                             final ? (gd_demo_chance (demo, 0.95) ? "full" : "partial")
                                                   : (gd_demo_chance (demo, 0.5) ? "partial" : "full"));
              json_object_set_string_member (follow_up, "satisfaction",
                                             gd_demo_chance (demo, 0.85) ? "satisfied" : "basically");
              json_object_set_string_member (follow_up, "risk_note",
                                             gd_demo_chance (demo, 0.9) ? "双方关系缓和，无激化风险"
                                                                       : "一方仍有情绪，需持续关注");
              json_array_add_object_element (follow_ups, follow_up);
            }
          json_object_set_array_member (doc, "follow_ups", follow_ups);
          last = at;
        }
    }

  if (status == DISPUTE_FAILED)
    {
      JsonObject *failure = json_object_new ();
      JsonArray *routes = json_array_new ();

      json_object_set_string_member (failure, "reason",
                                     gd_demo_chance (demo, 0.5) ? "双方对赔偿数额分歧过大，经多次调解未能达成一致"
                                                                : "被申请人拒绝继续参加调解");
      json_array_add_string_element (routes, "向人民法院提起诉讼");
      if (g_strcmp0 (kind->code, "labour") == 0)
        json_array_add_string_element (routes, "申请劳动人事争议仲裁");
      json_object_set_array_member (failure, "routes_advised", routes);
      json_object_set_object_member (doc, "failure", failure);
    }

  if (status == DISPUTE_REFERRED)
    {
      static const char * const targets[] = {
        GD_DEMO_TOWN_NAME "矛盾纠纷调处中心", GD_DEMO_TOWN_NAME "派出所", COURT,
        "亭湖区劳动人事争议仲裁委员会", "亭湖区医疗纠纷人民调解委员会",
      };
      JsonObject *referral = json_object_new ();
      gint64 at = MIN (last + gd_demo_int (demo, 60, 3 * 24 * 60) * 60, GD_DEMO_NOW - 600);

      json_object_set_string_member (referral, "to", gd_demo_pick (demo, targets));
      gd_demo_set_time (referral, "at", MAX (gd_demo_office_hours (at), last + 60));
      json_object_set_string_member (referral, "reason", "案情复杂，超出村调委会调解范围");
      json_object_set_object_member (doc, "referral", referral);
    }

  if (status == DISPUTE_CLOSED)
    gd_demo_set_time (doc, "closed_at",
                      MAX (gd_demo_office_hours (MIN (last + gd_demo_int (demo, 0, 3 * 24) * 3600, GD_DEMO_NOW - 60)),
                           last + 60));

  json_object_set_string_member (doc, "status", dispute_status_names[status]);
  demo->counts.disputes++;
  return gd_demo_put (demo, doc, error);
}

gboolean
gd_demo_disputes_generate (GdDemo        *demo,
                           GdDemoVillage *village,
                           GError       **error)
{
  g_autoptr(GArray) plans = g_array_sized_new (FALSE, TRUE, sizeof (DisputePlan), village->n_disputes);
  int year = 0;
  guint number = 0;

  for (guint i = 0; i < village->n_disputes; i++)
    {
      DisputePlan plan = { 0 };

      /* every stage shows up at least once */
      plan.status = i < DISPUTE_N_STATUSES
                    ? (DisputeStatus) i
                    : (DisputeStatus) gd_demo_weighted (demo, dispute_status_weights, DISPUTE_N_STATUSES);
      plan.received_at = gd_demo_work_time (demo, gd_demo_int (demo, dispute_age[plan.status][0],
                                                               dispute_age[plan.status][1]));
      plan.grid = (guint) gd_demo_int (demo, 0, village->grids->len);
      plan.doc_id = gd_demo_doc_id (demo, "dispute");
      plan.order = i;
      g_array_append_val (plans, plan);
    }
  /* numbers run in order of receipt, from 1 each year */
  g_array_sort (plans, compare_dispute_plans);

  for (guint i = 0; i < plans->len; i++)
    {
      DisputePlan *plan = &g_array_index (plans, DisputePlan, i);
      GdDemoDisputeRef ref = { plan->doc_id, plan->received_at, plan->grid };

      if (year_of (plan->received_at) != year)
        {
          year = year_of (plan->received_at);
          number = 0;
        }
      if (!dispute_write (demo, village, plan, ++number, error))
        return FALSE;
      g_array_append_val (village->disputes, ref);
    }
  return TRUE;
}

/* ---- incidents ----------------------------------------------------------------------------- */

typedef enum {
  INCIDENT_REGISTERED,
  INCIDENT_DISPATCHED,
  INCIDENT_ESCALATED,
  INCIDENT_IN_PROGRESS,
  INCIDENT_VERIFYING,
  INCIDENT_FEEDBACK,
  INCIDENT_ARCHIVED,
  INCIDENT_RETURNED,
  INCIDENT_REOPENED,    /* archived, then reopened: in_progress again */
  INCIDENT_N_PLANS,
} IncidentStatus;

static const char * const incident_status_names[] = {
  "registered", "dispatched", "escalated", "in_progress", "verifying", "feedback", "archived",
  "returned", "in_progress",
};
static const guint incident_status_weights[INCIDENT_N_PLANS] = { 3, 4, 3, 9, 5, 4, 67, 3, 1 };
/* how many days ago such an incident came in: [min, max); open work is mostly recent, so a
 * minority is overdue */
static const int incident_age[INCIDENT_N_PLANS][2] = {
  { 0, 3 }, { 0, 6 }, { 0, 8 }, { 1, 15 }, { 1, 10 }, { 1, 10 }, { 3, HISTORY_DAYS },
  { 0, 30 }, { 20, 200 },
};

typedef enum { SOURCE_PATROL, SOURCE_RESIDENT, SOURCE_HOTLINE, SOURCE_TOWN, SOURCE_COUNTY, SOURCE_OTHER } Source;
static const char * const source_codes[] = {
  "patrol", "resident", "hotline_12345", "town_dispatch", "county_dispatch", "other",
};
static const guint source_weights[] = { 45, 22, 15, 8, 4, 6 };

typedef struct {
  IncidentStatus status;
  Source         source;
  gint64         reported_at;
  guint          grid;
  GdDemoPatrol  *patrol;
  const char    *doc_id;
  guint          order;
} IncidentPlan;

static int
compare_incident_plans (gconstpointer a,
                        gconstpointer b)
{
  const IncidentPlan *pa = a, *pb = b;

  if (pa->reported_at != pb->reported_at)
    return pa->reported_at < pb->reported_at ? -1 : 1;
  return pa->order < pb->order ? -1 : pa->order > pb->order;
}

/* The statuses an incident passes through after registration, for its handling level. */
static guint
incident_path (GdDemo        *demo,
               IncidentStatus status,
               const char    *level,
               const char   **path)
{
  guint n = 0;
  gboolean escalate = g_str_equal (level, "town") || g_str_equal (level, "county")
                      || (g_str_equal (level, "village") && gd_demo_chance (demo, 0.5))
                      || status == INCIDENT_ESCALATED;
  /* a reopened incident went all the way to archived first */
  const char *target = status == INCIDENT_REOPENED ? "archived" : incident_status_names[status];

  if (status == INCIDENT_REGISTERED)
    return 0;
  if (status == INCIDENT_RETURNED)
    {
      if (gd_demo_chance (demo, 0.4))
        path[n++] = "dispatched";
      path[n++] = "returned";
      return n;
    }
  /* a few were sent back once, completed and resubmitted */
  if (status == INCIDENT_ARCHIVED && gd_demo_chance (demo, 0.03))
    {
      path[n++] = "returned";
      path[n++] = "registered";
    }
  if (escalate)
    path[n++] = "escalated";
  if (status == INCIDENT_ESCALATED)
    return n;
  path[n++] = "dispatched";
  if (status == INCIDENT_DISPATCHED)
    return n;
  path[n++] = "in_progress";
  /* a check that finds the work unfinished sends it back once */
  if (status != INCIDENT_IN_PROGRESS && status != INCIDENT_VERIFYING && gd_demo_chance (demo, 0.05))
    {
      path[n++] = "verifying";
      path[n++] = "in_progress";
    }
  for (const char * const *step = (const char *[]) { "verifying", "feedback", "archived", NULL };
       *step != NULL && !g_str_equal (path[n - 1], target); step++)
    path[n++] = *step;
  if (status == INCIDENT_REOPENED)
    path[n++] = "in_progress";
  return n;
}

static const char *
town_unit (GdDemo *demo,
           gboolean county)
{
  static const char * const town_units[] = {
    GD_DEMO_TOWN_NAME "综合行政执法局", GD_DEMO_TOWN_NAME "派出所", GD_DEMO_TOWN_NAME "安全生产监督管理办公室",
    GD_DEMO_TOWN_NAME "社会事业局", GD_DEMO_TOWN_NAME "农业农村服务中心", GD_DEMO_TOWN_NAME "城建办",
  };
  static const char * const county_units[] = {
    "亭湖区住房和城乡建设局", "亭湖区生态环境局", "亭湖区市场监督管理局", "亭湖区应急管理局",
    "亭湖区水务局", "亭湖区民政局",
  };

  return county ? gd_demo_pick (demo, county_units) : gd_demo_pick (demo, town_units);
}

static const char * const return_reasons[] = {
  "不属于本网格管辖范围，请核实事发地点后重新上报",
  "上报信息不完整，请补充现场照片和具体位置",
  "经核实为重复上报，已并入原事件办理",
  "不属于本单位职责，请转交相关部门",
};

static JsonObject *
timeline_entry (GdDemo     *demo,
                gint64      at,
                const char *by,
                const char *from,
                const char *to,
                const char *note)
{
  JsonObject *entry = json_object_new ();

  gd_demo_set_uuid (demo, entry, "id");
  gd_demo_set_time (entry, "at", at);
  json_object_set_string_member (entry, "by", by);
  json_object_set_string_member (entry, "action", "transition");
  json_object_set_string_member (entry, "from", from);
  json_object_set_string_member (entry, "to", to);
  if (note != NULL)
    json_object_set_string_member (entry, "note", note);
  return entry;
}

static const char *
step_note (GdDemo     *demo,
           const char *from,
           const char *to,
           const char *unit)
{
  if (g_str_equal (to, "dispatched"))
    return gd_demo_printf (demo, "分流至%s办理", unit);
  if (g_str_equal (to, "escalated"))
    return "超出网格处置能力，上报" TOWN_CENTRE;
  if (g_str_equal (to, "in_progress"))
    return g_str_equal (from, "archived") ? "群众反映问题反复，重新办理"
           : g_str_equal (from, "verifying") ? "核查未通过，退回继续办理" : "已接单，正在处置";
  if (g_str_equal (to, "verifying"))
    return "处置完毕，申请核查";
  if (g_str_equal (to, "feedback"))
    return "现场核查属实，已向反映人反馈";
  if (g_str_equal (to, "archived"))
    return "办结归档";
  if (g_str_equal (to, "returned"))
    return gd_demo_pick (demo, return_reasons);
  if (g_str_equal (to, "registered"))
    return "补充材料后重新提交";
  return NULL;
}

static const char *
incident_description (GdDemo       *demo,
                      Source        source,
                      const char   *reporter,
                      const char   *place,
                      const char   *what)
{
  switch (source)
    {
    case SOURCE_PATROL:
      return gd_demo_printf (demo, "网格员%s巡查时发现%s存在%s问题，已现场拍照取证并登记。",
                             reporter, place, what);
    case SOURCE_RESIDENT:
      return gd_demo_printf (demo, "居民%s反映：%s%s，希望尽快处理。", reporter, place, what);
    case SOURCE_HOTLINE:
      return gd_demo_printf (demo, "12345热线工单：市民来电反映%s%s，请属地核实处置并回复。",
                             place, what);
    case SOURCE_TOWN:
      return gd_demo_printf (demo, TOWN_CENTRE "交办：%s%s，请网格核实处置。", place, what);
    case SOURCE_COUNTY:
      return gd_demo_printf (demo, COUNTY_CENTRE "交办：%s%s，请限期办结。", place, what);
    case SOURCE_OTHER:
    default:
      return gd_demo_printf (demo, "%s%s。", place, what);
    }
}

/* A grid-work incident about people under care links their household. */
static GdDemoHousehold *
cared_household (GdDemo     *demo,
                 GdDemoGrid *grid)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      GdDemoPerson *person = random_person (demo, grid, 0, FALSE);

      if (person != NULL && person->tags != 0)
        return household_of (grid->village, person);
    }
  return NULL;
}

static const GdDemoDisputeRef *
dispute_after (GdDemoVillage *village,
               gint64         at)
{
  guint lo = 0, hi = village->disputes->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (village->disputes, GdDemoDisputeRef, mid).received_at < at)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < village->disputes->len ? &g_array_index (village->disputes, GdDemoDisputeRef, lo) : NULL;
}

static gboolean
incident_write (GdDemo        *demo,
                GdDemoVillage *village,
                IncidentPlan  *plan,
                guint          number,
                GError       **error)
{
  static const guint level_weights[] = { 70, 20, 7, 3 };
  static const char * const levels[] = { "grid", "village", "town", "county" };
  static const guint urgency_weights[] = { 80, 15, 5 };
  static const char * const urgencies[] = { "normal", "urgent", "critical" };
  static const gint64 windows[] = { 7 * GD_DEMO_DAY, 72 * GD_DEMO_HOUR, 24 * GD_DEMO_HOUR };
  GdDemoGrid *grid = village_grid (village, plan->grid);
  const GdCodeItem *item = g_ptr_array_index (incident_classes,
                                               gd_demo_int (demo, 0, incident_classes->len));
  const GdCodeItem *group = parent_item ("incident-categories", item);
  const char *group_name = group != NULL ? group->name_zh : "";
  const char *what = g_str_equal (item->name_zh, "其他") ? group_name : item->name_zh;
  IncidentStatus status = plan->status;
  const char *level;
  guint urgency = gd_demo_weighted (demo, urgency_weights, G_N_ELEMENTS (urgency_weights));
  gint64 reported = plan->reported_at;
  gint64 deadline = reported + windows[urgency];
  GdDemoHousehold *near = random_household (demo, grid);
  GdDemoHousehold *linked = NULL;
  const GdDemoDisputeRef *dispute = NULL;
  const char *place, *reporter_name, *reporter_phone;
  const char *unit = NULL, *assignee = NULL;
  const char *path[12];
  gint64 times[12];
  guint n_steps;
  JsonObject *doc, *location, *reporter;
  JsonArray *timeline;
  gint64 end;
  int feedback_step = -1, archive_step = -1;

  level = status == INCIDENT_ESCALATED
          ? levels[1 + gd_demo_weighted (demo, level_weights + 1, 3)]
          : levels[gd_demo_weighted (demo, level_weights, G_N_ELEMENTS (level_weights))];

  if (grid->urban)
    {
      const char *road = grid->roads[gd_demo_int (demo, 0, 2)];
      place = gd_demo_printf (demo, "%s%d号附近", road, gd_demo_int (demo, 1, 200));
    }
  else
    place = gd_demo_printf (demo, "%s附近", short_address (near->address));

  switch (plan->source)
    {
    case SOURCE_PATROL:
      {
        const GdDemoStaff *staff = &grid->staff[plan->patrol != NULL ? plan->patrol->staff
                                                                      : (guint) gd_demo_int (demo, 0, grid->n_staff)];
        reporter_name = staff->name;
        reporter_phone = staff->phone;
      }
      break;
    case SOURCE_TOWN:
      reporter_name = TOWN_CENTRE;
      reporter_phone = gd_demo_landline (demo);
      break;
    case SOURCE_COUNTY:
      reporter_name = COUNTY_CENTRE;
      reporter_phone = gd_demo_landline (demo);
      break;
    case SOURCE_RESIDENT:
    case SOURCE_HOTLINE:
    case SOURCE_OTHER:
    default:
      {
        GdDemoPerson *person = random_person (demo, grid, 18, TRUE);
        reporter_name = person != NULL ? person->name : grid->staff[0].name;
        reporter_phone = person != NULL ? person->phone : grid->staff[0].phone;
      }
      break;
    }

  if (strstr (group_name, "关注人员") != NULL)
    linked = cared_household (demo, grid);
  if (strstr (group_name, "矛盾纠纷") != NULL && gd_demo_chance (demo, 0.6))
    {
      dispute = dispute_after (village, reported);
      if (dispute != NULL && dispute->received_at > reported + 15 * GD_DEMO_DAY)
        dispute = NULL;
    }

  doc = gd_demo_envelope (demo, "incident", plan->doc_id, grid, reported);
  json_object_set_string_member (doc, "number",
                                 gd_demo_printf (demo, "SJ-%d-%06u", year_of (reported), number));
  json_object_set_string_member (doc, "title", gd_demo_printf (demo, "%s%s", place, what));
  json_object_set_string_member (doc, "description",
                                 incident_description (demo, plan->source, reporter_name, place, what));
  json_object_set_string_member (doc, "category", item->code);
  json_object_set_string_member (doc, "source", source_codes[plan->source]);
  json_object_set_string_member (doc, "urgency", urgencies[urgency]);
  location = gd_demo_location_new (linked != NULL ? linked->location : near->location, place);
  json_object_set_object_member (doc, "location", location);
  reporter = json_object_new ();
  json_object_set_string_member (reporter, "name", reporter_name);
  json_object_set_string_member (reporter, "phone", reporter_phone);
  json_object_set_object_member (doc, "reporter", reporter);
  gd_demo_set_time (doc, "reported_at", reported);
  gd_demo_set_time (doc, "deadline", deadline);
  json_object_set_string_member (doc, "handling_level", level);

  if (g_str_equal (level, "grid"))
    {
      const GdDemoStaff *staff = &grid->staff[gd_demo_int (demo, 0, grid->n_staff)];
      unit = grid->name;
      assignee = staff->name;
    }
  else if (g_str_equal (level, "village"))
    {
      unit = gd_demo_printf (demo, "%s%s", village->name, village->community ? "居民委员会" : "村民委员会");
      assignee = village->secretary;
    }
  else
    {
      unit = town_unit (demo, g_str_equal (level, "county"));
      assignee = gd_demo_someone (demo, 0.6, 1970, 1995);
    }

  /* the steps: archived ones mostly finish within the deadline, open ones have moved a bit */
  n_steps = incident_path (demo, status, level, path);
  if (status == INCIDENT_ARCHIVED || status == INCIDENT_REOPENED)
    end = reported + (gint64) ((deadline - reported)
                               * (gd_demo_chance (demo, 0.88) ? gd_demo_double (demo, 0.15, 0.95)
                                                              : gd_demo_double (demo, 1.05, 2.5)));
  else
    end = reported + (gint64) ((GD_DEMO_NOW - reported) * gd_demo_double (demo, 0.05, 0.9));
  if (status == INCIDENT_REOPENED)
    end += gd_demo_int (demo, 5, 40) * GD_DEMO_DAY;
  end = MIN (end, GD_DEMO_NOW - 60 * (gint64) (n_steps + 1));
  spread_times (demo, reported, MAX (end, reported + 60 * (gint64) (n_steps + 1)), n_steps, times);

  timeline = json_array_sized_new (n_steps);
  for (guint i = 0; i < n_steps; i++)
    {
      const char *from = i == 0 ? "registered" : path[i - 1];
      const char *to = path[i];
      const char *by;

      if (g_str_equal (to, "in_progress") || g_str_equal (to, "verifying"))
        by = assignee;
      else if (g_str_equal (to, "escalated") || g_str_equal (to, "registered"))
        by = grid->staff[0].name;
      else
        by = operator_name (demo);
      if (g_str_equal (to, "feedback"))
        feedback_step = (int) i;
      if (g_str_equal (to, "archived"))
        archive_step = (int) i;
      json_array_add_object_element (timeline,
                                     timeline_entry (demo, times[i], by, from, to,
                                                     step_note (demo, from, to, unit)));
    }
  json_object_set_string_member (doc, "status", incident_status_names[status]);
  json_object_set_array_member (doc, "timeline", timeline);

  if (status != INCIDENT_REGISTERED
      && !(status == INCIDENT_RETURNED && n_steps == 1))
    {
      JsonObject *who = json_object_new ();

      json_object_set_string_member (who, "unit", unit);
      json_object_set_string_member (who, "name", assignee);
      json_object_set_object_member (doc, "assignee", who);
    }

  if (feedback_step >= 0 && archive_step > feedback_step)
    {
      static const guint satisfaction_weights[] = { 80, 15, 5 };
      static const char * const satisfactions[] = { "satisfied", "basically", "dissatisfied" };
      JsonObject *feedback = json_object_new ();
      guint s = gd_demo_weighted (demo, satisfaction_weights, G_N_ELEMENTS (satisfaction_weights));

      /* the reporter was asked between the check and archiving */
      gd_demo_set_time (feedback, "at",
                        CLAMP (gd_demo_office_hours ((times[feedback_step] + times[archive_step]) / 2),
                               times[feedback_step], times[archive_step]));
      json_object_set_string_member (feedback, "by", reporter_name);
      json_object_set_string_member (feedback, "satisfaction", satisfactions[s]);
      json_object_set_string_member (feedback, "note",
                                     s == 0 ? "处理及时，非常满意" : s == 1 ? "问题基本解决" : "处理不够彻底");
      json_object_set_object_member (doc, "feedback", feedback);
    }

  if (linked != NULL || dispute != NULL)
    {
      JsonObject *links = json_object_new ();
      JsonArray *households = json_array_new ();
      JsonArray *disputes = json_array_new ();

      if (linked != NULL)
        json_array_add_string_element (households, linked->doc_id);
      if (dispute != NULL)
        json_array_add_string_element (disputes, dispute->doc_id);
      json_object_set_array_member (links, "households", households);
      json_object_set_array_member (links, "disputes", disputes);
      json_object_set_object_member (doc, "links", links);
    }

  demo->counts.incidents++;
  return gd_demo_put (demo, doc, error);
}

gboolean
gd_demo_incidents_generate (GdDemo        *demo,
                            GdDemoVillage *village,
                            GError       **error)
{
  g_autoptr(GArray) plans = g_array_sized_new (FALSE, TRUE, sizeof (IncidentPlan), village->n_incidents);
  int year = 0;
  guint number = 0;

  for (guint i = 0; i < village->n_incidents; i++)
    {
      IncidentPlan plan = { 0 };
      int days_ago;

      /* every status shows up at least once */
      plan.status = i < INCIDENT_N_PLANS
                    ? (IncidentStatus) i
                    : (IncidentStatus) gd_demo_weighted (demo, incident_status_weights, INCIDENT_N_PLANS);
      plan.source = (Source) gd_demo_weighted (demo, source_weights, G_N_ELEMENTS (source_weights));
      plan.grid = (guint) gd_demo_int (demo, 0, village->grids->len);
      plan.doc_id = gd_demo_doc_id (demo, "incident");
      plan.order = i;
      days_ago = gd_demo_int (demo, incident_age[plan.status][0], incident_age[plan.status][1]);
      plan.reported_at = gd_demo_work_time (demo, days_ago);

      /* found on a daily round: reported during it, and listed in its findings */
      if (plan.source == SOURCE_PATROL && days_ago < 30)
        {
          GdDemoGrid *grid = village_grid (village, plan.grid);
          GdDemoPatrol *patrol = g_ptr_array_index (grid->daily_patrols, days_ago);

          plan.patrol = patrol;
          plan.reported_at = patrol->started_at
                             + (gint64) ((patrol->ended_at - patrol->started_at) * gd_demo_double (demo, 0.1, 0.9));
          plan.reported_at -= plan.reported_at % 60;
          g_ptr_array_add (patrol->findings, (gpointer) plan.doc_id);
        }
      g_array_append_val (plans, plan);
    }
  /* numbers run in order of reporting, from 1 each year */
  g_array_sort (plans, compare_incident_plans);

  for (guint i = 0; i < plans->len; i++)
    {
      IncidentPlan *plan = &g_array_index (plans, IncidentPlan, i);

      if (year_of (plan->reported_at) != year)
        {
          year = year_of (plan->reported_at);
          number = 0;
        }
      if (!incident_write (demo, village, plan, ++number, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- components ---------------------------------------------------------------------------- */

gboolean
gd_demo_components_generate (GdDemo        *demo,
                             GdDemoVillage *village,
                             GError       **error)
{
  static const char * const states[] = { "intact", "damaged", "lost", "removed" };
  static const guint state_weights[] = { 80, 12, 5, 3 };
  GdCodeTable *table = gd_codes_get ("component-classes");
  g_autoptr(GPtrArray) subclasses = g_ptr_array_new ();

  for (guint i = 0; i < gd_code_table_get_n_items (table); i++)
    {
      const GdCodeItem *item = gd_code_table_get_item (table, i);
      if (item->parent != NULL && strlen (item->code) == 4)
        g_ptr_array_add (subclasses, (gpointer) item);
    }
  if (subclasses->len == 0)
    return TRUE;

  for (guint i = 0; i < village->n_components; i++)
    {
      const GdCodeItem *item = g_ptr_array_index (subclasses, gd_demo_int (demo, 0, subclasses->len));
      const GdCodeItem *class = parent_item ("component-classes", item);
      GdDemoGrid *grid = village_grid (village, gd_demo_int (demo, 0, village->grids->len));
      GdDemoHousehold *near = random_household (demo, grid);
      const char *place = grid->urban ? gd_demo_printf (demo, "%s%d号", grid->roads[0], gd_demo_int (demo, 1, 200))
                                      : short_address (near->address);
      /* pipes and covers belong to the utilities, the rest to the town */
      gboolean utility = class != NULL && strstr (class->name_zh, "公用设施") != NULL;
      JsonObject *doc = gd_demo_envelope (demo, "component", gd_demo_doc_id (demo, "component"), grid,
                                          GD_DEMO_NOW - gd_demo_int (demo, 100, 900) * GD_DEMO_DAY);

      /* county 6 + class 2 + subclass 2 + a serial unique in the town */
      json_object_set_string_member (doc, "code",
                                     gd_demo_printf (demo, "%s%s%06u", GD_DEMO_COUNTY_CODE, item->code,
                                                     village->seq * 1000 + i + 1));
      json_object_set_string_member (doc, "name", gd_demo_printf (demo, "%s（%s）", item->name_zh, place));
      json_object_set_string_member (doc, "class", item->parent);
      json_object_set_object_member (doc, "location", gd_demo_location_new (near->location, place));
      json_object_set_string_member (doc, "owner_unit",
                                     utility ? "亭湖区水务局" : GD_DEMO_TOWN_NAME "人民政府");
      json_object_set_string_member (doc, "maintainer_unit",
                                     utility ? "盐城市亭湖区市政设施管理处" : GD_DEMO_TOWN_NAME "城建办");
      json_object_set_string_member (doc, "state", states[gd_demo_weighted (demo, state_weights, G_N_ELEMENTS (states))]);
      demo->counts.components++;
      if (!gd_demo_put (demo, doc, error))
        return FALSE;
    }
  return TRUE;
}
