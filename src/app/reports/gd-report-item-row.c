/* gd-report-item-row.c: see gd-report-item-row.h.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gd-report-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "gd-report-item-row.h"

typedef enum { RECORD_INCIDENT, RECORD_DISPUTE, RECORD_HOUSEHOLD } RecordKind;

static RecordKind
record_kind (GdReportItemKind kind)
{
  switch (kind)
    {
    case GD_REPORT_DISPUTE_PAST_WINDOW:
    case GD_REPORT_DISPUTE_FAILED:
    case GD_REPORT_DISPUTE_PARTY:
    case GD_REPORT_FOLLOW_UP_DUE:
      return RECORD_DISPUTE;
    case GD_REPORT_NO_COORDINATES:
    case GD_REPORT_NO_ID_NUMBER:
    case GD_REPORT_BIRTH_MISMATCH:
    case GD_REPORT_CARE_UNVISITED:
    case GD_REPORT_UNTOUCHED:
      return RECORD_HOUSEHOLD;
    case GD_REPORT_HOT_GRID:
    case GD_REPORT_HOT_CATEGORY:
    case GD_REPORT_REPEATED_ADDRESS:
    case GD_REPORT_REPEATED_HOUSEHOLD:
    case GD_REPORT_OVERDUE_UNIT:
    case GD_REPORT_N_ITEM_KINDS:
    default:
      return RECORD_INCIDENT;
    }
}

static const char *
open_action (RecordKind kind)
{
  switch (kind)
    {
    case RECORD_DISPUTE:
      return "win.open-dispute";
    case RECORD_HOUSEHOLD:
      return "win.open-household";
    case RECORD_INCIDENT:
    default:
      return "win.open-incident";
    }
}

/* "SJ-2026-000123 楼道堆物" from the record; its id when it is gone */
static char *
record_title (GdStore    *store,
              RecordKind  kind,
              const char *id)
{
  g_autoptr(JsonObject) doc = store != NULL ? gd_store_get (store, id, NULL) : NULL;
  const char *number;
  const char *what;

  if (doc == NULL)
    return g_strdup (id);
  number = json_object_get_string_member_with_default (doc, "number", "");
  what = json_object_get_string_member_with_default (doc, kind == RECORD_INCIDENT ? "title"
                                                     : kind == RECORD_DISPUTE ? "summary"
                                                     : "address", "");
  return g_strstrip (g_strdup_printf ("%s %s", number, what));
}

static GtkWidget *
link_row (const char *title,
          const char *action,
          const char *target)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (target));
  return row;
}

typedef struct {
  GdReportItemKind kind;
  GStrv            ids;
  char            *key;
  GdStore         *store;   /* borrowed */
  gboolean         filled;
} Records;

static void
records_free (gpointer data)
{
  Records *records = data;

  g_strfreev (records->ids);
  g_free (records->key);
  g_free (records);
}

/* The records are named when the row first unfolds: a closed row reads nothing. */
static void
on_expanded (AdwExpanderRow *row,
             GParamSpec     *pspec,
             Records        *records)
{
  RecordKind kind = record_kind (records->kind);
  guint n = records->ids != NULL ? g_strv_length (records->ids) : 0;

  if (records->filled || !adw_expander_row_get_expanded (row))
    return;
  records->filled = TRUE;
  if (records->kind == GD_REPORT_HOT_GRID)
    adw_expander_row_add_row (row, link_row (_("All incidents of this grid"), "reports.open-grid",
                                             records->key));
  for (guint i = 0; i < n && i < GD_REPORT_ITEM_ROW_MAX_RECORDS; i++)
    {
      g_autofree char *title = record_title (records->store, kind, records->ids[i]);

      adw_expander_row_add_row (row, link_row (title, open_action (kind), records->ids[i]));
    }
  if (n > GD_REPORT_ITEM_ROW_MAX_RECORDS)
    {
      GtkWidget *more = adw_action_row_new ();
      /* Translators: under an analysis item, the records not listed */
      g_autofree char *text = g_strdup_printf (ngettext ("and %u more", "and %u more",
                                                         n - GD_REPORT_ITEM_ROW_MAX_RECORDS),
                                               n - GD_REPORT_ITEM_ROW_MAX_RECORDS);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      gtk_widget_add_css_class (more, "dim-label");
      adw_expander_row_add_row (row, more);
    }
}

static void
add_count (GtkWidget          *row,
           const GdReportItem *item,
           gboolean            expander)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, item->count);
  GtkWidget *label = gtk_label_new (count);

  gtk_widget_add_css_class (label, "numeric");
  if (expander)
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

GtkWidget *
gd_report_item_row_new (const GdReportItem *item,
                        GdStore            *store)
{
  g_autofree char *title = g_markup_escape_text (item->label != NULL ? item->label : item->key, -1);
  g_autofree char *subtitle = NULL;
  guint n = item->ids != NULL ? g_strv_length (item->ids) : 0;
  GtkWidget *row;
  Records *records;

  if (item->kind == GD_REPORT_HOT_GRID || item->kind == GD_REPORT_HOT_CATEGORY)
    /* Translators: a hot spot's count in the previous period */
    subtitle = g_strdup_printf (_("previous period: %d"), (int) item->previous);

  /* one record and nothing else to show: the row opens it */
  if (n == 1 && item->kind != GD_REPORT_HOT_GRID)
    {
      row = link_row (item->label != NULL ? item->label : item->key,
                      open_action (record_kind (item->kind)), item->ids[0]);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      add_count (row, item, FALSE);
      return row;
    }
  if (n == 0 && item->kind != GD_REPORT_HOT_GRID)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      add_count (row, item, FALSE);
      return row;
    }

  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  add_count (row, item, TRUE);
  records = g_new0 (Records, 1);
  records->kind = item->kind;
  records->ids = g_strdupv (item->ids);
  records->key = g_strdup (item->key);
  records->store = store;
  g_object_set_data_full (G_OBJECT (row), "gd-records", records, records_free);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded), records);
  return row;
}
