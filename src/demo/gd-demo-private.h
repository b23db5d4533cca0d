/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gd-demo-private.h: state and helpers shared by gd-demo*.c only. */
#pragma once

#include <json-glib/json-glib.h>

#include "gd-demo.h"

G_BEGIN_DECLS

/* The demo's fixed "now", 2026-11-20T09:00:00Z (17:00 in Yancheng): every generated time is
 * relative to it, so the same seed gives the same documents whatever the wall clock says. */
#define GD_DEMO_NOW G_GINT64_CONSTANT (1795165200)
#define GD_DEMO_DAY G_GINT64_CONSTANT (86400)
#define GD_DEMO_HOUR G_GINT64_CONSTANT (3600)
/* China Standard Time: working hours are picked locally, stored in UTC */
#define GD_DEMO_CST (8 * GD_DEMO_HOUR)

#define GD_DEMO_COUNTY_CODE "320902"
#define GD_DEMO_COUNTY_PLACE "江苏省盐城市亭湖区"
#define GD_DEMO_TOWN_CODE GD_DEMO_COUNTY_CODE "101"
#define GD_DEMO_TOWN_NAME "新兴镇"
#define GD_DEMO_ACTOR "demo"

typedef struct {
  double lon;
  double lat;
} GdDemoPoint;

typedef struct {
  const char *id;
  const char *name;
  const char *phone;
  const char *role;   /* staff-roles */
} GdDemoStaff;

typedef struct _GdDemoVillage GdDemoVillage;

/* Care tags as bits, so cases can find people under care cheaply. */
typedef enum {
  GD_DEMO_TAG_ELDERLY_ALONE        = 1 << 0,
  GD_DEMO_TAG_EMPTY_NEST           = 1 << 1,
  GD_DEMO_TAG_LEFT_BEHIND_CHILD    = 1 << 2,
  GD_DEMO_TAG_DISABILITY           = 1 << 3,
  GD_DEMO_TAG_DIBAO                = 1 << 4,
  GD_DEMO_TAG_TEKUN                = 1 << 5,
  GD_DEMO_TAG_SERIOUS_ILLNESS      = 1 << 6,
  GD_DEMO_TAG_VETERAN              = 1 << 7,
  GD_DEMO_TAG_COMMUNITY_CORRECTION = 1 << 8,
  GD_DEMO_TAG_MENTAL_DISORDER      = 1 << 9,
} GdDemoTag;

#define GD_DEMO_N_TAGS 10
/* the care-tags code of bit i */
extern const char * const gd_demo_tag_codes[GD_DEMO_N_TAGS];

/* A patrol planned before the incidents, so patrol findings can point at them. */
typedef struct {
  const char *doc_id;
  const char *kind;   /* daily, weekly, monthly */
  gint64      started_at;
  gint64      ended_at;
  guint       staff;  /* index into the grid's staff */
  GPtrArray  *findings; /* incident _ids (in demo->strings) */
} GdDemoPatrol;

typedef struct {
  GdDemoVillage *village;
  guint          seq;               /* 1-based: the last 3 digits of the code */
  char           code[16];
  const char    *doc_id;
  const char    *name;
  gboolean       urban;
  gboolean       special;
  GdDemoPoint    corner[4];         /* sw, se, ne, nw: one convex cell of the village lattice */
  guint          households_target;
  guint          n_households;      /* planned */
  GdDemoStaff    staff[4];          /* staff[0] leads the grid */
  guint          n_staff;
  const char    *roads[2];          /* urban grids */
  const char    *estate;            /* urban residential compound */
  guint          first_group;       /* rural 村民小组 numbers */
  guint          n_groups;
  GArray        *households;        /* guint indexes into village->households */
  GPtrArray     *daily_patrols;     /* GdDemoPatrol, [d] = d days before now */
  GPtrArray     *other_patrols;     /* weekly and monthly */
} GdDemoGrid;

typedef struct {
  const char *doc_id;
  const char *number;
  const char *address;
  GdDemoPoint location;
  guint       grid;                 /* index into village->grids */
  guint       first_person;
  guint       n_persons;
} GdDemoHousehold;

typedef struct {
  const char *name;
  const char *phone;                /* NULL for young children and some elderly */
  const char *occupation;
  char        id_number[19];
  char        birth_date[11];
  guint8      sex;                  /* 1 male, 2 female */
  guint8      age;
  guint16     tags;                 /* GdDemoTag */
  guint       household;            /* index into village->households */
} GdDemoPerson;

typedef struct {
  const char *doc_id;
  const char *name;
  const char *phone;
  const char *kind;                 /* party_member, village_sage, part_time, professional */
  const char *room;                 /* mediation-rooms */
  gboolean    active;
} GdDemoMediator;

typedef struct {
  const char *doc_id;
  gint64      received_at;
  guint       grid;
} GdDemoDisputeRef;

struct _GdDemoVillage {
  guint        seq;
  char         code[13];
  const char  *doc_id;
  const char  *name;                /* 新兴村, 幸福社区 */
  gboolean     community;           /* urban 社区 rather than rural 村 */
  GdDemoPoint  corner[4];
  GdDemoPoint *lattice;             /* (GRID_COLUMNS+1) x (GRID_ROWS+1) grid vertices */
  const char  *secretary;           /* village party secretary, leads the village */
  const char  *secretary_phone;
  GPtrArray   *grids;               /* GdDemoGrid */
  GArray      *households;          /* GdDemoHousehold */
  GArray      *persons;             /* GdDemoPerson */
  GArray      *mediators;           /* GdDemoMediator */
  GArray      *disputes;            /* GdDemoDisputeRef, by received_at */
  guint        n_incidents;         /* planned */
  guint        n_disputes;
  guint        n_components;
};

typedef struct {
  GdStore         *store;
  GdDemoScale      scale;
  GRand           *rand;
  guint64          seed;
  guint64          uuid_counter;
  GStringChunk    *strings;         /* every string the plan keeps, freed at once */
  GHashTable      *id_prefixes;     /* first 17 chars of every citizen ID, to keep them unique */
  char             town_code[10];
  const char      *town_name;
  GPtrArray       *villages;        /* GdDemoVillage */
  GdDemoPoint     *lattice;         /* village vertices of the town */
  guint            lattice_nx;
  guint            lattice_ny;
  GdDemoCounts     counts;
  guint            person_serial;   /* every Nth person gets a rare character */
  const char      *operators[3];    /* the town centre's operators (坐席员) */
  /* progress */
  guint64          done;
  guint64          total;
  int              last_percent;
  GdDemoProgress   progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
} GdDemo;

/* gd-demo.c: randomness, ids, time, geometry, writing */
int          gd_demo_int          (GdDemo *demo, int begin, int end);  /* [begin, end) */
double       gd_demo_double       (GdDemo *demo, double begin, double end);
gboolean     gd_demo_chance       (GdDemo *demo, double probability);
guint        gd_demo_weighted     (GdDemo *demo, const guint *weights, guint n);
#define      gd_demo_pick(demo, array) ((array)[gd_demo_int ((demo), 0, G_N_ELEMENTS (array))])
void         gd_demo_uuid         (GdDemo *demo, char out[37]);
const char  *gd_demo_uuid_dup     (GdDemo *demo);
const char  *gd_demo_doc_id       (GdDemo *demo, const char *type);
const char  *gd_demo_strdup       (GdDemo *demo, const char *text);
const char  *gd_demo_printf       (GdDemo *demo, const char *format, ...) G_GNUC_PRINTF (2, 3);
void         gd_demo_format_time  (gint64 unix_utc, char out[21]);
void         gd_demo_format_date  (gint64 unix_local, char out[11]);
/* a local (CST) working-hours time on the day `days_ago` days before now, as UTC */
gint64       gd_demo_work_time    (GdDemo *demo, int days_ago);
/* the same moment moved into that day's office hours (order kept), for steps of casework */
gint64       gd_demo_office_hours (gint64 unix_utc);
void         gd_demo_set_time     (JsonObject *object, const char *member, gint64 unix_utc);
void         gd_demo_set_date     (JsonObject *object, const char *member, gint64 unix_local);
void         gd_demo_set_uuid     (GdDemo *demo, JsonObject *object, const char *member);
JsonObject  *gd_demo_envelope     (GdDemo *demo, const char *type, const char *doc_id,
                                   GdDemoGrid *grid, gint64 created_at);
JsonObject  *gd_demo_location_new (GdDemoPoint point, const char *address);
/* a random point well inside the grid's cell */
GdDemoPoint  gd_demo_grid_point   (GdDemo *demo, GdDemoGrid *grid);
GdDemoPoint  gd_demo_grid_point_near (GdDemo *demo, GdDemoGrid *grid, double u, double v,
                                      double spread);
/* writes `doc` (consumed) through the store; counts progress, honours cancellation */
gboolean     gd_demo_put          (GdDemo *demo, JsonObject *doc, GError **error);

/* gd-demo-names.c: names and places */
const char  *gd_demo_surname      (GdDemo *demo);
const char  *gd_demo_name         (GdDemo *demo, const char *surname, int sex, int birth_year);
/* a full name of someone born between the years, a man with probability `p_male` */
const char  *gd_demo_someone      (GdDemo *demo, double p_male, int first_year, int last_year);
const char  *gd_demo_mobile       (GdDemo *demo);
const char  *gd_demo_landline     (GdDemo *demo);
/* 1 -> 一, 12 -> 十二, 23 -> 二十三 (1..99) */
void         gd_demo_cn_number    (guint n, char out[16]);
const char  *gd_demo_village_name (guint index, gboolean *community);
const char  *gd_demo_road         (guint index);
const char  *gd_demo_estate       (guint index);
const char  *gd_demo_special_name (guint index);
typedef struct {
  const char *code;   /* GB/T 2260 county */
  const char *place;  /* 安徽省阜阳市临泉县 */
} GdDemoRegion;
const GdDemoRegion *gd_demo_origin_far  (GdDemo *demo);  /* floating population */
const GdDemoRegion *gd_demo_origin_near (GdDemo *demo);  /* married in from nearby */
const char  *gd_demo_origin_street (GdDemo *demo, const GdDemoRegion *region);
const char  *gd_demo_company      (GdDemo *demo);

/* gd-demo-people.c */
gboolean     gd_demo_households_generate (GdDemo *demo, GdDemoGrid *grid, GError **error);

/* gd-demo-cases.c */
gboolean     gd_demo_cases_prepare    (GError **error);
void         gd_demo_patrols_plan     (GdDemo *demo, GdDemoGrid *grid);
gboolean     gd_demo_mediators_generate  (GdDemo *demo, GdDemoVillage *village, GError **error);
gboolean     gd_demo_disputes_generate   (GdDemo *demo, GdDemoVillage *village, GError **error);
gboolean     gd_demo_incidents_generate  (GdDemo *demo, GdDemoVillage *village, GError **error);
gboolean     gd_demo_patrols_generate    (GdDemo *demo, GdDemoVillage *village, GError **error);
gboolean     gd_demo_components_generate (GdDemo *demo, GdDemoVillage *village, GError **error);

/* gd-demo-organisations.c */
gboolean     gd_demo_organisations_generate (GdDemo *demo, GdDemoVillage *village, GError **error);

G_END_DECLS
