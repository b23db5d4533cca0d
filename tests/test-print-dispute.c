/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-print-dispute.c: `griddesk-ctl print dispute` renders each mediation document to a real
 * A4 PDF; pdftotext must find the parties, terms and dates in it (real text, not images), and
 * pdftoppm must turn its first page into a picture with ink on it. Chinese catalogue
 * (LANGUAGE=zh_CN) from the build tree, as a mediator would print it. */
#include "config.h"

#include <sys/stat.h>

#include <cairo.h>
#include <string.h>
#include <sys/wait.h>

#include "gd-json.h"
#include "gd-print-dispute.h"
#include "gd-test-fixtures.h"
#include "gd-test-run.h"

#define CASE_ID "dispute:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5d04"

static const char *ctl_path;

typedef struct {
  char *dir;
  char *db;
} Fixture;

/* Runs `argv` (NULL-terminated) in the fixture's dir; returns the exit status. */
static int
run (Fixture     *f,
     const char **argv,
     char       **out,
     char       **err)
{
  return gd_test_run (f->dir, argv, out, err);
}

static int
ctl_print (Fixture    *f,
           const char *id,
           const char *form,
           const char *session,
           const char *output,
           char      **err)
{
  const char *argv[] = { ctl_path, "--db", f->db, "print", "dispute", id, "--form", form,
                         "-o", output, session ? "--session" : NULL, session, NULL };
  g_autofree char *out = NULL;

  return run (f, argv, &out, err);
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "valid-dispute.json", NULL);
  g_autofree char *oral = NULL;
  g_autofree char *body = NULL;
  g_autofree char *oral_path = NULL;
  const char *demo[] = { ctl_path, "--db", NULL, "demo", NULL };
  const char *put[] = { ctl_path, "--db", NULL, "put", "dispute", fixture, NULL };
  const char *put_oral[] = { ctl_path, "--db", NULL, "put", "dispute", NULL, NULL };
  g_autoptr(JsonObject) doc = NULL;
  JsonObject *agreement;

  f->dir = g_dir_make_tmp ("gd-print-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "print.sqlite", NULL);
  demo[2] = put[2] = put_oral[2] = f->db;
  g_assert_cmpint (run (f, demo, NULL, NULL), ==, 0);
  g_assert_cmpint (run (f, put, NULL, NULL), ==, 0);

  /* the same case agreed orally, under another id and number, with no session recorded */
  g_assert_true (g_file_get_contents (fixture, &body, NULL, &error));
  doc = gd_json_parse_object (body, -1, &error);
  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", "dispute:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5d99");
  json_object_set_string_member (doc, "number", "(2026)新兴人调字第13号");
  json_object_remove_member (doc, "judicial_confirmation");
  agreement = json_object_get_object_member (doc, "agreement");
  json_object_set_string_member (agreement, "form", "oral");
  json_object_set_string_member (agreement, "terms", "张伟当场口头答应三日内清理排水沟。");
  oral = gd_json_to_string (doc, TRUE);
  oral_path = g_build_filename (f->dir, "oral.json", NULL);
  g_assert_true (g_file_set_contents (oral_path, oral, -1, &error));
  put_oral[5] = oral_path;
  g_assert_cmpint (run (f, put_oral, NULL, NULL), ==, 0);
}

/* The fixture case once more under `id`, changed by `change`, put with griddesk-ctl. */
static void
put_variant (Fixture    *f,
             const char *id,
             void      (*change) (JsonObject *doc))
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "valid-dispute.json", NULL);
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (f->dir, "variant.json", NULL);
  g_autoptr(JsonObject) doc = NULL;
  const char *put[] = { ctl_path, "--db", f->db, "put", "dispute", path, NULL };

  g_assert_true (g_file_get_contents (fixture, &body, NULL, &error));
  doc = gd_json_parse_object (body, -1, &error);
  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", id);
  json_object_remove_member (doc, "number");
  change (doc);
  text = gd_json_to_string (doc, TRUE);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_cmpint (run (f, put, NULL, NULL), ==, 0);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* The PDF's text with all white space removed (pdftotext spaces out the titles). */
static char *
pdf_text (Fixture    *f,
          const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = NULL;
  GString *text;

  g_assert_cmpint (run (f, argv, &out, NULL), ==, 0);
  text = g_string_new (NULL);
  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (text, g_utf8_get_char (p));
  return g_string_free (text, FALSE);
}

static int
pdf_pages (Fixture    *f,
           const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  const char *line;

  g_assert_cmpint (run (f, argv, &out, NULL), ==, 0);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

/* pdftoppm makes an A4 picture of page 1 with some ink (not blank) on it. */
static void
assert_page_renders (Fixture    *f,
                     const char *pdf)
{
  g_autofree char *prefix = g_strconcat (pdf, "-page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-singlefile", "-png",
                         pdf, prefix, NULL };
  cairo_surface_t *image;
  guint dark = 0;
  int width, height, stride;
  guchar *data;

  g_assert_cmpint (run (f, argv, NULL, NULL), ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  /* A4 at 50 dpi: 8.27 × 11.69 inches, portrait */
  g_assert_cmpint (width, >=, 413);
  g_assert_cmpint (width, <=, 414);
  g_assert_cmpint (height, >=, 584);
  g_assert_cmpint (height, <=, 585);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + x * 4);
        if (((pixel >> 16) & 0xff) < 128 && ((pixel >> 8) & 0xff) < 128 && (pixel & 0xff) < 128)
          dark++;
      }
  cairo_surface_destroy (image);
  /* text and table lines: well over a thousand dark pixels, far from a full page */
  g_assert_cmpuint (dark, >, 1500);
  g_assert_cmpuint (dark, <, (guint) (width * height / 4));
}

static char *
render (Fixture    *f,
        const char *form,
        const char *session)
{
  g_autofree char *name = g_strdup_printf ("%s%s%s.pdf", form, session ? "-" : "", session ? session : "");
  char *pdf = g_build_filename (f->dir, name, NULL);
  g_autofree char *err = NULL;

  int status = ctl_print (f, CASE_ID, form, session, pdf, &err);

  if (status != 0)
    g_printerr ("griddesk-ctl print %s: %s\n", form, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  assert_page_renders (f, pdf);
  return pdf;
}

static void
assert_has (const char *text,
            const char *const *wanted)
{
  for (guint i = 0; wanted[i] != NULL; i++)
    if (strstr (text, wanted[i]) == NULL)
      g_error ("'%s' is not in the PDF text: %s", wanted[i], text);
}

static void
test_application (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = render (f, "application", NULL);
  g_autofree char *text = pdf_text (f, pdf);
  const char *const wanted[] = {
    "人民调解申请书", "申请人", "李明", "被申请人", "张伟", "纠纷简要情况",
    "张伟家修建围墙堵塞排水沟", "申请事项", "拆除堵塞部分，恢复排水。", "2026年4月1日",
    "申请人（签名或按指印）", "第1页共1页", NULL };

  assert_has (text, wanted);
}

static void
test_registration (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = render (f, "registration", NULL);
  g_autofree char *text = pdf_text (f, pdf);
  const char *const wanted[] = {
    "人民调解受理登记表", "编号：(2026)新兴人调字第12号", "李明", "张伟", "新兴村村民委员会",
    "320923199001011238", "2026年4月1日09时00分", "2026年4月1日14时00分", "当事人申请", "邻里",
    "村调解室", "赵德明、孙秀英", "达成书面协议", "已全部履行", "2026年5月20日", NULL };

  assert_has (text, wanted);
}

static void
test_record (Fixture *f, gconstpointer data)
{
  g_autofree char *all = render (f, "record", NULL);
  g_autofree char *second = render (f, "record", "2");
  g_autofree char *by_id = render (f, "record", "s1");
  g_autofree char *all_text = pdf_text (f, all);
  g_autofree char *second_text = pdf_text (f, second);
  g_autofree char *first_text = pdf_text (f, by_id);
  const char *const wanted[] = {
    "人民调解记录", "2026年4月8日10时00分", "三组现场", "李明（申请人）", "张伟（被申请人）",
    "孙秀英", "现场查看并协商", "达成协议", "当事人（签名）", "记录人（签名）", NULL };

  /* every session on its own page */
  g_assert_cmpint (pdf_pages (f, all), ==, 2);
  g_assert_nonnull (strstr (all_text, "听取双方陈述"));
  g_assert_nonnull (strstr (all_text, "现场查看并协商"));
  assert_has (second_text, wanted);
  g_assert_null (strstr (second_text, "听取双方陈述"));
  g_assert_nonnull (strstr (first_text, "2026年4月3日10时00分"));
  g_assert_null (strstr (first_text, "现场查看并协商"));
}

static void
test_agreement (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = render (f, "agreement", NULL);
  g_autofree char *text = pdf_text (f, pdf);
  const char *const wanted[] = {
    "人民调解协议书", "编号：(2026)新兴人调字第12号", "申请人", "李明", "被申请人", "张伟",
    "公民身份号码：320902198307040019", "纠纷主要事实、争议事项", "围墙堵塞排水沟",
    "各方责任", "张伟负责疏通", "经调解，自愿达成如下协议",
    "张伟于4月15日前拆除堵塞部分，恢复排水。", "履行方式：自行拆除", "履行地点：三组现场",
    "履行期限：2026年4月15日", "本协议一式3份", "三十日内", "申请人（签名）",
    "被申请人（签名）", "第三人（签名）", "按指印", "人民调解员（签名）", "记录人（签名）",
    "新兴村人民调解委员会", "（印）", "2026年4月8日", NULL };

  assert_has (text, wanted);
}

/* The copies to print: what the agreement says it is made in, else a copy per party and one
 * for the committee; the other forms once. */
static void
test_copies (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "valid-dispute.json", NULL);
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) doc = NULL;
  JsonObject *agreement;
  guint n_parties;

  g_assert_true (g_file_get_contents (fixture, &body, NULL, &error));
  doc = gd_json_parse_object (body, -1, &error);
  g_assert_no_error (error);
  agreement = json_object_get_object_member (doc, "agreement");
  n_parties = json_array_get_length (json_object_get_array_member (doc, "parties"));
  for (int stated = 0; stated <= 5; stated += 5)
    {
      g_autoptr(GdDisputePrint) print = NULL;
      g_autoptr(GdDisputePrint) registration = NULL;

      if (stated > 0)
        json_object_set_int_member (agreement, "copies", stated);
      else
        json_object_remove_member (agreement, "copies");
      print = gd_dispute_print_new (doc, GD_DISPUTE_FORM_AGREEMENT, NULL, "新兴村", &error);
      g_assert_no_error (error);
      g_assert_cmpint (gd_dispute_print_copies (print), ==, stated > 0 ? stated : (int) n_parties + 1);
      registration = gd_dispute_print_new (doc, GD_DISPUTE_FORM_REGISTRATION, NULL, "新兴村", &error);
      g_assert_no_error (error);
      g_assert_cmpint (gd_dispute_print_copies (registration), ==, 1);
    }
}

static void
test_follow_up (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = render (f, "follow-up", NULL);
  g_autofree char *text = pdf_text (f, pdf);
  const char *const wanted[] = {
    "人民调解回访记录", "回访时间", "2026年4月20日", "回访人", "赵德明", "已全部履行", "满意",
    "协议签订日期", "2026年4月8日", "张伟于4月15日前拆除堵塞部分", NULL };

  assert_has (text, wanted);
}

#define LONG_ID "dispute:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5d98"

static void
make_long_session (JsonObject *doc)
{
  JsonObject *session = json_array_get_object_element (json_object_get_array_member (doc, "sessions"), 0);
  g_autoptr(GString) content = g_string_new ("开头第一句。");

  for (int i = 0; i < 160; i++)
    g_string_append_printf (content, "第%d段：调解员分别听取双方陈述，核实有关事实，向双方讲解相关法律规定。", i + 1);
  g_string_append (content, "最后一句到此为止。");
  json_object_set_string_member (session, "content", content->str);
}

/* A session record longer than a page flows on to the next pages, nothing lost. */
static void
test_long_record (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  put_variant (f, LONG_ID, make_long_session);
  g_assert_cmpint (ctl_print (f, LONG_ID, "record", "1", pdf, &err), ==, 0);
  g_assert_cmpint (pdf_pages (f, pdf), >=, 3);
  assert_page_renders (f, pdf);
  text = pdf_text (f, pdf);
  g_assert_nonnull (strstr (text, "开头第一句。"));
  g_assert_nonnull (strstr (text, "第80段"));
  g_assert_nonnull (strstr (text, "第160段"));
  g_assert_nonnull (strstr (text, "最后一句到此为止。"));
  g_assert_nonnull (strstr (text, "记录人（签名）"));
  g_assert_nonnull (strstr (text, "第3页"));
}

/* What cannot be printed says why, exits 1 and writes no file; the oral agreement is in the
 * register instead; printing (full ID numbers) is in the audit log. */
static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "refused.pdf", NULL);
  g_autofree char *register_pdf = g_build_filename (f->dir, "oral-register.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const char *oral = "dispute:0190a3c2-7b1e-7c3d-9a10-5e2f3b4c5d99";
  g_autoptr(GdStore) store = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  gboolean printed = FALSE;

  g_assert_cmpint (ctl_print (f, oral, "agreement", NULL, pdf, &err), ==, 1);
  g_assert_nonnull (strstr (err, "口头协议不制作协议书"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ctl_print (f, CASE_ID, "record", "7", pdf, &err), ==, 1);
  g_assert_nonnull (strstr (err, "本案没有调解场次“7”"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ctl_print (f, CASE_ID, "minutes", NULL, pdf, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ctl_print (f, "dispute:nope", "agreement", NULL, pdf, &err), ==, 1);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (ctl_print (f, oral, "registration", NULL, register_pdf, &err), ==, 0);
  text = pdf_text (f, register_pdf);
  g_assert_nonnull (strstr (text, "口头协议内容"));
  g_assert_nonnull (strstr (text, "张伟当场口头答应三日内清理排水沟。"));
  g_assert_nonnull (strstr (text, "达成口头协议"));

  store = gd_store_open (f->db, &error);
  g_assert_no_error (error);
  audit = gd_store_get_audit (store, oral, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      GdAuditEntry *entry = audit->pdata[i];
      printed |= g_strcmp0 (entry->action, "print") == 0
                 && strstr (entry->detail, "--form registration") != NULL;
    }
  g_assert_true (printed);
}

/* The forms carry full ID numbers: 0600 whatever the umask, replacing a readable file, and no
 * temporary left behind, nor any file when printing fails. */
static void
test_file_mode (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "private.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "x.pdf", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  GDir *dir;
  const char *name;
  mode_t old_umask;
  guint n_files = 0;

  /* a readable file already there */
  g_assert_true (g_file_set_contents (pdf, "old", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (pdf, 0644), ==, 0);

  old_umask = umask (0);
  g_assert_cmpint (ctl_print (f, CASE_ID, "agreement", NULL, pdf, &err), ==, 0);
  g_assert_cmpint (ctl_print (f, CASE_ID, "agreement", NULL, missing, NULL), ==, 3);
  umask (old_umask);

  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 1000);
  assert_page_renders (f, pdf);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* only the database (and its WAL files) and the PDF and its page picture */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_test_message ("%s", name);
      g_assert_false (name[0] == '.');
      n_files++;
    }
  g_dir_close (dir);
  g_assert_cmpuint (n_files, >=, 3);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);
  return path != NULL;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ctl_path = g_getenv ("GRIDDESK_CTL");
  if (ctl_path == NULL || !g_file_test (ctl_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("griddesk-ctl not found: set GRIDDESK_CTL");
  if (!have_program ("pdftotext") || !have_program ("pdftoppm"))
    g_error ("pdftotext and pdftoppm (poppler-utils) are needed");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/print/dispute/application", test_application);
  ADD ("/print/dispute/registration", test_registration);
  ADD ("/print/dispute/record", test_record);
  ADD ("/print/dispute/agreement", test_agreement);
  ADD ("/print/dispute/copies", test_copies);
  ADD ("/print/dispute/follow-up", test_follow_up);
  ADD ("/print/dispute/refusals", test_refusals);
  ADD ("/print/dispute/long-record", test_long_record);
  ADD ("/print/dispute/file-mode", test_file_mode);
#undef ADD
  return g_test_run ();
}
