/* gd-import-assistant.h: the import assistant: a spreadsheet (.xlsx or .csv), its sheet and
 * kind of records, the mapping of its columns, a preview with each problem marked and a dry
 * run's counts, the import (all or nothing) with progress and Cancel, and Undo.
 *
 * Copyright 2026 GridDesk Contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gd-session.h"

G_BEGIN_DECLS

#define GD_TYPE_IMPORT_ASSISTANT (gd_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (GdImportAssistant, gd_import_assistant, GD, IMPORT_ASSISTANT, AdwWindow)

GdImportAssistant *gd_import_assistant_new       (GtkWindow *parent,
                                                  GdSession *session);
/* Reads `path` as if chosen (the main window's Import with a file, a dropped file). */
void               gd_import_assistant_open_file (GdImportAssistant *self,
                                                  const char        *path);

G_END_DECLS
