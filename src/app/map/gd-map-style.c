/* gd-map-style.c: frame arithmetic and sprites drawn once with cairo into textures.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-map-style"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "gd-codes.h"
#include "gd-display.h"

#include "gd-map-style.h"

void
gd_map_frame_init (GdMapFrame      *frame,
                   ShumateViewport *viewport,
                   GtkWidget       *widget)
{
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile = source != NULL ? shumate_map_source_get_tile_size (source) : 256;
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  frame->zoom = shumate_viewport_get_zoom_level (viewport);
  frame->scale = tile * exp2 (frame->zoom);
  frame->cx = gd_geo_mercator_x (lon);
  frame->cy = gd_geo_mercator_y (lat);
  frame->width = gtk_widget_get_width (widget);
  frame->height = gtk_widget_get_height (widget);
  frame->rotation = shumate_viewport_get_rotation (viewport);
}

void
gd_map_frame_to_mercator (const GdMapFrame *frame,
                          double            x,
                          double            y,
                          double           *mx,
                          double           *my)
{
  double dx = x - frame->width / 2, dy = y - frame->height / 2;
  double c = cos (-frame->rotation), s = sin (-frame->rotation);

  *mx = frame->cx + (dx * c - dy * s) / frame->scale;
  *my = frame->cy + (dx * s + dy * c) / frame->scale;
}

void
gd_map_frame_push_rotation (const GdMapFrame *frame,
                            GtkSnapshot      *snapshot)
{
  gtk_snapshot_save (snapshot);
  if (frame->rotation != 0)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (frame->width / 2, frame->height / 2));
      gtk_snapshot_rotate (snapshot, frame->rotation * 180 / G_PI);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-frame->width / 2, -frame->height / 2));
    }
}

void
gd_map_frame_visible (const GdMapFrame *frame,
                      double            margin_px,
                      double           *x0,
                      double           *y0,
                      double           *x1,
                      double           *y1)
{
  /* a rotated view reaches as far as its half-diagonal in every direction */
  double half_w = frame->rotation != 0 ? hypot (frame->width, frame->height) / 2 : frame->width / 2;
  double half_h = frame->rotation != 0 ? half_w : frame->height / 2;

  *x0 = frame->cx - (half_w + margin_px) / frame->scale;
  *x1 = frame->cx + (half_w + margin_px) / frame->scale;
  *y0 = frame->cy - (half_h + margin_px) / frame->scale;
  *y1 = frame->cy + (half_h + margin_px) / frame->scale;
}

/* ---- colours ---------------------------------------------------------------------------- */

void
gd_map_state_color (GdMapKind   kind,
                    GdMapState  state,
                    GdkRGBA    *color)
{
  static const char *const incident[GD_MAP_N_STATES] = {
    "#ff7800", "#1c71d8", "#ff7800", "#9141ac", "#9a9996", "#e01b24",
  };
  const char *spec;

  if (kind == GD_MAP_HOUSEHOLD)
    spec = "#2190a4";
  else if (kind == GD_MAP_ORGANISATION)
    spec = "#865e3c";
  else if (kind == GD_MAP_DISPUTE)
    spec = state == GD_MAP_STATE_CLOSED ? "#9a9996" : "#26a269";
  else
    spec = incident[state];
  gdk_rgba_parse (color, spec);
}

const char *
gd_map_state_name (GdMapKind  kind,
                   GdMapState state)
{
  if (kind == GD_MAP_HOUSEHOLD)
    return _("Household");
  if (kind == GD_MAP_ORGANISATION)
    return state == GD_MAP_STATE_OVERDUE ? _("Organisation, rectification overdue") : _("Organisation");
  if (kind == GD_MAP_DISPUTE)
    return state == GD_MAP_STATE_CLOSED ? _("Dispute, closed") : _("Dispute");
  switch (state)
    {
    case GD_MAP_STATE_NEW:
      return _("Incident, registered");
    case GD_MAP_STATE_CHECKING:
      return _("Incident, verifying or feedback");
    case GD_MAP_STATE_CLOSED:
      return _("Incident, archived");
    case GD_MAP_STATE_OVERDUE:
      return _("Incident, overdue");
    case GD_MAP_STATE_ACTIVE:
    case GD_MAP_STATE_NONE:
    case GD_MAP_N_STATES:
    default:
      return _("Incident, being handled");
    }
}

double
gd_map_sprite_size (GdMapKind  kind,
                    GdMapState state)
{
  if (kind == GD_MAP_HOUSEHOLD)
    return 8;
  if (kind == GD_MAP_ORGANISATION)
    return GD_MAP_ORGANISATION_SIZE;
  if (state == GD_MAP_STATE_OVERDUE)
    return 18;
  return 14;
}

/* ---- sprites ---------------------------------------------------------------------------- */

typedef void (*PaintFunc) (cairo_t *cr, double size, gpointer data);

/* device pixels per sprite pixel: textures drawn 1:1 are the cheapest to composite */
static int sprite_scale = 1;
static guint sprite_generation;

void
gd_map_style_set_scale (int scale)
{
  scale = CLAMP (scale, 1, 4);
  if (scale == sprite_scale)
    return;
  sprite_scale = scale;
  sprite_generation++;
}

static GdkTexture *
texture_from_cairo (double    size,
                    PaintFunc paint,
                    gpointer  data)
{
  int px = (int) ceil (size * sprite_scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px, px);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_scale (cr, sprite_scale, sprite_scale);
  paint (cr, size, data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * px);
  /* cairo's ARGB32 is premultiplied native-endian: BGRA in memory on little-endian */
  texture = gdk_memory_texture_new (px, px,
                                    G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                                                    : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
                                    bytes, (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

typedef struct {
  GdMapKind  kind;
  GdMapState state;
} SpriteKey;

static void
paint_sprite (cairo_t *cr, double size, gpointer data)
{
  SpriteKey *key = data;
  GdkRGBA color;
  double c = size / 2;

  gd_map_state_color (key->kind, key->state, &color);
  if (key->kind == GD_MAP_DISPUTE)
    {
      /* a diamond */
      cairo_move_to (cr, c, 1);
      cairo_line_to (cr, size - 1, c);
      cairo_line_to (cr, c, size - 1);
      cairo_line_to (cr, 1, c);
      cairo_close_path (cr);
    }
  else
    cairo_arc (cr, c, c, c - (key->kind == GD_MAP_HOUSEHOLD ? 0.6 : 1.2), 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, key->kind == GD_MAP_HOUSEHOLD ? 0.9 : 2);
  cairo_stroke (cr);

  if (key->state == GD_MAP_STATE_OVERDUE)
    {
      /* an exclamation mark: overdue reads without colour too */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, c - 1.2, c - 5, 2.4, 6);
      cairo_fill (cr);
      cairo_arc (cr, c, c + 3.6, 1.3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

GdkTexture *
gd_map_sprite (GdMapKind  kind,
               GdMapState state)
{
  static GdkTexture *cache[GD_MAP_N_KINDS][GD_MAP_N_STATES];
  static guint generation;

  g_return_val_if_fail (kind < GD_MAP_N_KINDS && state < GD_MAP_N_STATES, NULL);

  if (generation != sprite_generation)
    {
      for (guint k = 0; k < GD_MAP_N_KINDS; k++)
        for (guint i = 0; i < GD_MAP_N_STATES; i++)
          g_clear_object (&cache[k][i]);
      generation = sprite_generation;
    }

  if (cache[kind][state] == NULL)
    {
      SpriteKey key = { kind, state };
      cache[kind][state] = texture_from_cairo (gd_map_sprite_size (kind, state), paint_sprite, &key);
    }
  return cache[kind][state];
}

typedef struct {
  GdMapKind kind;
  gboolean  alert;
} BubbleKey;

static void
paint_bubble (cairo_t *cr, double size, gpointer data)
{
  BubbleKey *key = data;
  GdkRGBA color;
  double c = size / 2;

  gd_map_state_color (key->kind, key->kind == GD_MAP_INCIDENT ? GD_MAP_STATE_ACTIVE : GD_MAP_STATE_NONE,
                      &color);
  cairo_arc (cr, c, c, c - 1, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.3);
  cairo_fill (cr);
  cairo_arc (cr, c, c, c - 5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  if (key->alert)
    {
      cairo_arc (cr, c, c, c - 2.2, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      cairo_set_line_width (cr, 2.4);
      cairo_stroke (cr);
    }
}

GdkTexture *
gd_map_bubble (GdMapKind kind,
               guint     diameter,
               gboolean  alert)
{
  static GHashTable *cache;
  static guint generation;
  guint key_int = (guint) kind | (diameter << 4) | (alert ? 1u << 15 : 0);
  GdkTexture *texture;

  if (cache == NULL)
    cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  if (generation != sprite_generation)
    {
      g_hash_table_remove_all (cache);
      generation = sprite_generation;
    }
  texture = g_hash_table_lookup (cache, GUINT_TO_POINTER (key_int));
  if (texture == NULL)
    {
      BubbleKey key = { kind, alert };

      texture = texture_from_cairo (diameter, paint_bubble, &key);
      g_hash_table_insert (cache, GUINT_TO_POINTER (key_int), texture);
    }
  return texture;
}

static void
paint_ring (cairo_t *cr, double size, gpointer data)
{
  double c = size / 2;

  cairo_arc (cr, c, c, c - 2, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.35);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

GdkTexture *
gd_map_selection_ring (void)
{
  static GdkTexture *ring;
  static guint generation;

  if (generation != sprite_generation)
    {
      g_clear_object (&ring);
      generation = sprite_generation;
    }
  if (ring == NULL)
    ring = texture_from_cairo (30, paint_ring, NULL);
  return ring;
}

/* ---- organisations ---------------------------------------------------------------------- */

void
gd_map_risk_color (GdMapRisk  risk,
                   GdkRGBA   *color)
{
  /* grey before any inspection; green, amber, orange, red as the risk grows */
  static const char *const specs[] = { "#77767b", "#26a269", "#c88800", "#e66100", "#c01c28" };

  gdk_rgba_parse (color, specs[MIN ((guint) risk, G_N_ELEMENTS (specs) - 1)]);
}

const char *
gd_map_risk_name (GdMapRisk risk)
{
  static const char *const levels[] = { NULL, "low", "medium", "high", "major" };

  if (risk == GD_MAP_RISK_NONE || (guint) risk >= G_N_ELEMENTS (levels))
    return _("Organisation, not inspected");
  return gd_code_display_name ("risk-levels", levels[risk]);
}

typedef struct {
  const char *symbol;
  GdMapRisk   risk;
  gboolean    overdue;
} OrganisationKey;

static void
paint_organisation (cairo_t *cr, double size, gpointer data)
{
  OrganisationKey *key = data;
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
  GdkRGBA color;
  double r = 4, inset = 1.2, side = size - 2 * inset;
  int width, height;

  gd_map_risk_color (key->risk, &color);
  cairo_new_sub_path (cr);
  cairo_arc (cr, inset + side - r, inset + r, r, -G_PI / 2, 0);
  cairo_arc (cr, inset + side - r, inset + side - r, r, 0, G_PI / 2);
  cairo_arc (cr, inset + r, inset + side - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, inset + r, inset + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill_preserve (cr);
  if (key->overdue)
    cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, key->overdue ? 2.4 : 1.6);
  cairo_stroke (cr);

  pango_font_description_set_absolute_size (font, (size - 8) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, key->symbol, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, (size - width) / 2.0, (size - height) / 2.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
}

GdkTexture *
gd_map_organisation_sprite (const char *premises,
                            GdMapRisk   risk,
                            gboolean    overdue)
{
  static GHashTable *cache;  /* "premises/risk/overdue" → texture */
  static guint generation;
  char key_text[64];
  GdkTexture *texture;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (generation != sprite_generation)
    {
      g_hash_table_remove_all (cache);
      generation = sprite_generation;
    }
  g_snprintf (key_text, sizeof key_text, "%s/%d/%d", premises != NULL ? premises : "", (int) risk, !!overdue);
  texture = g_hash_table_lookup (cache, key_text);
  if (texture == NULL)
    {
      const GdCodeItem *item = premises != NULL ? gd_code_table_lookup (gd_codes_get ("premises-categories"), premises) : NULL;
      const char *symbol = item != NULL ? gd_code_item_get_string (item, "symbol") : NULL;
      OrganisationKey key = { symbol != NULL ? symbol : "他", risk, overdue };

      texture = texture_from_cairo (GD_MAP_ORGANISATION_SIZE, paint_organisation, &key);
      g_hash_table_insert (cache, g_strdup (key_text), texture);
    }
  return texture;
}
