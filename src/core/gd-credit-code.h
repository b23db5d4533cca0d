/* gd-credit-code.h: unified social credit codes (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters from "0-9 A-H J-N P-R T U W-Y" (no I, O, S, V, Z):
 *   1      registration authority (登记管理部门代码: 1 机构编制, 5 民政, 9 工商 …)
 *   2      category under that authority (机构类别代码: 91 企业, 92 个体工商户 …)
 *   3-8    GB/T 2260 division code of the registering authority
 *   9-17   organisation code (组织机构代码, GB 11714) ending in its own check character
 *   18     check character over the first 17
 * Authorities and categories are the code list "credit-code-registrars" (data/codes/).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GD_CREDIT_CODE_LENGTH 18

typedef struct {
  char authority[2];  /* "9" */
  char category[3];   /* authority and category, a code of "credit-code-registrars": "92" */
  char division[7];   /* "320902" */
  char org_code[10];  /* the 9-character organisation code, check character last */
} GdCreditCode;

/* The final check character (GB 32100: weights 3^(i-1) mod 31) of 17 characters of the set;
 * '\0' when one is outside it. */
char     gd_credit_code_check_char     (const char *first17);
/* The GB 11714 check character ('0'-'9' or 'X') of an 8-character organisation code body
 * (digits and upper-case letters); '\0' when one is neither. */
char     gd_credit_code_org_check_char (const char *first8);

/* Parses and checks `code`. When `scope` (a division code of 6, 9, 12 or 15 digits) is given,
 * the code's division must lie in it or above it (the county, its city, its province, or
 * 100000 for a national registration). On failure returns FALSE and sets *reason (if not NULL)
 * to a short translated reason that fits after "credit_code: ", e.g. "check character should
 * be Y", "character 5 'I' is not allowed (no I, O, S, V or Z)". */
gboolean gd_credit_code_parse (const char   *code,
                               const char   *scope,
                               GdCreditCode *out,
                               char        **reason);

/* TRUE when `text` is more like a credit code than a citizen ID: 18 characters with a letter
 * before the last, or 18 digits that fail the ID check but pass the credit-code checks. */
gboolean gd_credit_code_looks_like (const char *text);

G_END_DECLS
