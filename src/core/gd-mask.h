/* gd-mask.h: how personal numbers are shown in lists (个人信息保护法): only the ends. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "320902198503120026" -> "3209**********0026"; short or empty input is masked whole. */
char *gd_mask_id_number (const char *id_number);
/* "13912345678" -> "139****5678" */
char *gd_mask_phone     (const char *phone);
/* "欧阳玲巧" -> "欧***": the surname's first character only (reports handed on) */
char *gd_mask_name      (const char *name);

G_END_DECLS
