#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import fixtures written by tools no one here wrote: openpyxl for workbooks, Python's codecs
for CSV. Run with Debian's /usr/bin/python3 (python3-openpyxl).

  make-fixtures.py register OUT.xlsx|OUT.csv [--persons N] [--households N] [--bad]
                   [--encoding gb18030|utf-8-sig] [--title] [--merged]
  make-fixtures.py csv-edges DIR
  make-fixtures.py merged OUT.xlsx
  make-fixtures.py incidents OUT.xlsx [--bad]
  make-fixtures.py organisations OUT.xlsx [--bad] [--count N]
  make-fixtures.py assistant OUT.xlsx
  make-fixtures.py read FILE.xlsx|FILE.csv [ENCODING]
  make-fixtures.py hostile DIR
Prints a JSON summary of what it wrote on stdout.
"""
import csv, datetime, io, json, random, sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
GRID = "320902101001001"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "𣵦"]
ETHNIC = ["汉族", "汉族", "汉族", "回族", "满族", "01", "壮族"]
EDUCATION = ["大学本科", "高中", "初中", "小学", "", "研究生"]
HEADER = ["户号", "姓名", "性别", "民族", "公民身份号码", "出生日期", "与户主关系", "现住址",
          "联系电话", "文化程度", "网格"]


def id_number(birth, seq):
    first = "320902" + birth.strftime("%Y%m%d") + "%03d" % seq
    return first + CHECK[sum(int(d) * w for d, w in zip(first, WEIGHTS)) % 11]


def register_rows(persons, households, rng):
    """persons spread over households; every household has exactly one head (户主)."""
    sizes = [1] * households
    for _ in range(persons - households):
        sizes[rng.randrange(households)] += 1
    rows, seq = [], 0
    for h, size in enumerate(sizes):
        number = "H%05d" % (h + 1)
        address = "新兴镇新兴村%d组%d号" % (h % 9 + 1, h + 1)
        surname = SURNAMES[h % len(SURNAMES)]
        for m in range(size):
            seq += 1
            male = (seq % 2) == 1
            birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=(seq * 97) % 27000)
            # birth dates repeat every 27,000 persons; the sequence tells those apart, and its
            # last digit carries the sex (odd male, even female)
            serial = 2 + (seq // 27000) * 2 + (1 if male else 0)
            relation = "户主" if m == 0 else rng.choice(["配偶", "子", "女", "母亲", "孙子"])
            rows.append({
                "户号": number,
                "姓名": surname + GIVEN[seq % len(GIVEN)],
                "性别": "男" if male else "女",
                "民族": ETHNIC[seq % len(ETHNIC)],
                "公民身份号码": id_number(birth, serial),
                "出生日期": birth,
                "与户主关系": relation,
                "现住址": address,
                "联系电话": "139%08d" % seq if m == 0 else "",
                "文化程度": EDUCATION[seq % len(EDUCATION)],
                "网格": GRID,
            })
    return rows


def spoil(rows):
    """Deliberate mistakes; returns [(row number, column)] as the spreadsheet shows them."""
    spoiled = []
    r = rows[56]                      # row 58 (header is row 1)
    n = r["公民身份号码"]
    r["公民身份号码"] = n[:17] + ("0" if n[17] != "0" else "1")
    spoiled.append((58, "公民身份号码"))
    rows[99]["民族"] = "火星族"       # row 101
    spoiled.append((101, "民族"))
    rows[1499]["姓名"] = ""           # row 1501
    spoiled.append((1501, "姓名"))
    return spoiled


def write_register(path, rows, encoding, title, merged=False):
    if path.endswith(".xlsx"):
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "人口信息"
        if title:
            ws.append(["新兴村人口信息采集表"])
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
        ws.append(HEADER)
        for r in rows:
            ws.append([r[h] for h in HEADER])
        # birth dates are real dates (serial numbers with a date format)
        col = HEADER.index("出生日期") + 1
        first = 2 + (1 if title else 0)
        for cells in ws.iter_rows(min_row=first, min_col=col, max_col=col):
            cells[0].number_format = "yyyy-mm-dd"
        if merged:
            # as registers are kept by hand: 户号 and 现住址 merged over each household's rows
            start = 0
            for i in range(1, len(rows) + 1):
                if i == len(rows) or rows[i]["户号"] != rows[start]["户号"]:
                    if i - start > 1:
                        for name in ("户号", "现住址"):
                            c = HEADER.index(name) + 1
                            ws.merge_cells(start_row=first + start, start_column=c,
                                           end_row=first + i - 1, end_column=c)
                    start = i
        wb.save(path)
    else:
        out = io.StringIO(newline="")
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow([r[h].isoformat() if hasattr(r[h], "isoformat") else r[h] for h in HEADER])
        with open(path, "wb") as f:
            f.write(out.getvalue().encode(encoding))


def summary(rows):
    households = {}
    for r in rows:
        households.setdefault(r["户号"], []).append(r)
    return {
        "persons": len(rows),
        "households": len(households),
        "han": sum(1 for r in rows if r["民族"] in ("汉族", "01")),
        "first": {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in rows[0].items()},
        "largest": max(len(v) for v in households.values()),
        "ids": [r["公民身份号码"] for r in rows[:5]],
    }


def cmd_register(args):
    path = args[0]
    opts = dict(persons=2000, households=600, bad=False, encoding="gb18030", title=False,
                merged=False)
    i = 1
    while i < len(args):
        a = args[i]
        if a in ("--persons", "--households"):
            opts[a[2:]] = int(args[i + 1]); i += 2
        elif a == "--encoding":
            opts["encoding"] = args[i + 1]; i += 2
        elif a == "--bad":
            opts["bad"] = True; i += 1
        elif a == "--title":
            opts["title"] = True; i += 1
        elif a == "--merged":
            opts["merged"] = True; i += 1
        else:
            raise SystemExit("unknown option " + a)
    rng = random.Random(15)
    rows = register_rows(opts["persons"], opts["households"], rng)
    result = summary(rows)
    if opts["bad"]:
        result["spoiled"] = spoil(rows)
    write_register(path, rows, opts["encoding"], opts["title"], opts["merged"])
    print(json.dumps(result, ensure_ascii=False))


def cmd_csv_edges(args):
    d = args[0]
    header = "姓名,备注\r\n"
    files = {
        "bom.csv": ("\ufeff" + header + "王𣵦,甲\r\n").encode("utf-8"),
        "gb18030.csv": (header + "王𣵦,\"多行\r\n备注，含\"\"引号\"\", 和逗号\"\r\n李四,乙\r\n\r\n").encode("gb18030"),
        "quotes.csv": (header + "\"张,三\",\"他说\"\"好\"\"\"\n\"赵\n六\",丁\n").encode("utf-8"),
        "trailing.csv": (header + "钱七,戊\r\n\r\n").encode("utf-8"),
        "latin1.csv": ("name,city\r\nCafé Müller,Zürich\r\n").encode("latin-1"),
        "utf16.csv": (header + "王五,丙\r\n").encode("utf-16"),
        # UTF-8 with one byte lost on line 3: must not pass for GB18030
        "damaged.csv": (header + "王五,丙\r\n李四,丁\r\n张三,戊\r\n").encode("utf-8")[:-12] +
                       (header + "王五,丙\r\n李四,丁\r\n张三,戊\r\n").encode("utf-8")[-11:],
    }
    for name, data in files.items():
        with open(d + "/" + name, "wb") as f:
            f.write(data)
    print(json.dumps(sorted(files)))


def cmd_merged(args):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "第一页"
    wb.create_sheet("户籍")
    ws2 = wb["户籍"]
    ws2.append(["新兴村人口信息采集表"])
    ws2.merge_cells("A1:D1")
    ws2.append(["户号", "姓名", "出生日期", "备注"])
    ws2.append(["H1", "王𣵦", datetime.date(1985, 3, 12), 42])
    ws2.append([None, "张伟", datetime.datetime(2026, 12, 1, 9, 30), 3.5])
    # an ID number typed as a number: openpyxl, like Excel, writes it rounded (3.2090219850312e+17)
    ws2.append(["H2", "李四", None, 320902198503120026])
    ws2.merge_cells("A3:A4")
    ws2["C3"].number_format = "yyyy-mm-dd"
    ws2["C4"].number_format = "yyyy-mm-dd hh:mm:ss"
    # an inline string, as some platforms write them, is tested through the shared-string path
    ws.append(["only", "first"])
    wb.save(args[0])
    print(json.dumps({"sheets": wb.sheetnames}, ensure_ascii=False))


CATEGORIES = ["市容环境", "矛盾纠纷", "治安问题", "公共安全隐患"]


def cmd_incidents(args):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工单编号", "来电时间", "事件类别", "事发地址", "来电人", "联系电话", "诉求内容", "办理时限"])
    for i in range(20):
        ws.append(["12345-2026-%05d" % (i + 1), datetime.datetime(2026, 11, 1 + i, 9, 0),
                   CATEGORIES[i % 4], "新兴村%d组" % (i % 9 + 1), "市民" + str(i),
                   "139%08d" % i, "反映第%d件事" % (i + 1), datetime.date(2026, 12, 20)])
    if "--bad" in args:
        ws["C6"] = "火星事件"          # row 6, 事件类别
        ws["B10"] = "昨天下午"          # row 10, 来电时间
    wb.save(args[0])
    print(json.dumps({"rows": 20}))


CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PREMISES = ["小商店", "小餐饮场所", "小旅馆", "小医院（诊所）", "小商店"]


def org_code(body8):
    """GB 11714: weights 3 7 9 10 5 8 4 2 over digits and letters (A = 10), mod 11."""
    value = lambda c: int(c) if c.isdigit() else ord(c) - ord("A") + 10
    c = 11 - sum(value(ch) * w for ch, w in zip(body8, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return body8 + ("X" if c == 10 else "0" if c == 11 else str(c))


def credit_code(category, n):
    """GB 32100: authority and category, the division, the organisation code, a check over
    the first 17 (weights 3^(i-1) mod 31)."""
    first17 = category + "320902" + org_code("MA%06d" % n)
    total = sum(CREDIT_CHARS.index(ch) * pow(3, i, 31) for i, ch in enumerate(first17))
    return first17 + CREDIT_CHARS[(31 - total % 31) % 31]


def cmd_organisations(args):
    import openpyxl
    count = int(args[args.index("--count") + 1]) if "--count" in args else 40
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "单位场所"
    ws.append(["单位名称", "统一社会信用代码", "法定代表人/经营者", "联系电话", "地址", "场所类别",
               "网格", "从业人员"])
    codes = []
    for i in range(count):
        code = credit_code("92" if i % 3 else "91", i + 1)
        codes.append(code)
        ws.append(["新兴%s%d号" % (PREMISES[i % len(PREMISES)].split("（")[0], i + 1), code,
                   SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)], "139%08d" % (5000 + i),
                   "新兴村%d组%d号" % (i % 9 + 1, i + 1), PREMISES[i % len(PREMISES)],
                   GRID, i % 7 + 1])
    spoiled = []
    if "--bad" in args:
        bad = list(codes[4])
        bad[-1] = CREDIT_CHARS[(CREDIT_CHARS.index(bad[-1]) + 1) % 31]
        ws["B6"] = "".join(bad)          # row 6, 统一社会信用代码: the check character
        ws["F9"] = "月球基地"            # row 9, 场所类别
        ws["H12"] = "很多"               # row 12, 从业人员
        spoiled = [[6, "统一社会信用代码"], [9, "场所类别"], [12, "从业人员"]]
    wb.save(args[0])
    print(json.dumps({"rows": count, "codes": codes[:5], "spoiled": spoiled}, ensure_ascii=False))


def cmd_assistant(args):
    """The import assistant's journey: 30 residents in 10 households whose ID column has a
    header no one guesses (身份证件号) and whose row 6 has an education not in the list."""
    import openpyxl
    rows = register_rows(30, 10, random.Random(7))
    for r in rows:
        r["网格"] = "幸福路网格"
    rows[4]["文化程度"] = "博士后"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人口信息"
    header = ["身份证件号" if h == "公民身份号码" else h for h in HEADER]
    ws.append(header)
    for r in rows:
        ws.append([r[h] for h in HEADER])
        ws.cell(row=ws.max_row, column=HEADER.index("出生日期") + 1).number_format = "yyyy-mm-dd"
    wb.create_sheet("说明").append(["本表由旧平台导出"])
    wb.save(args[0])
    print(json.dumps({"rows": len(rows), "households": 10, "refused_row": 6,
                      "names": [r["姓名"] for r in rows[:3]], "ids": [r["公民身份号码"] for r in rows[:3]]},
                     ensure_ascii=False))


def cmd_hostile(args):
    """hostile DIR: workbooks a reader must refuse without eating memory: bomb.xlsx (a sheet
    of 64 MB of blanks in a 70 KB zip), wide.xlsx (a value in column XFD)."""
    import zipfile
    d = args[0]
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = '</sheetData></worksheet>'
    with zipfile.ZipFile(d + "/bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(head.encode())
            blank = b" " * (1024 * 1024)
            for _ in range(64):
                f.write(blank)
            f.write(tail.encode())
    with zipfile.ZipFile(d + "/wide.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", head + '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>'
                   '<c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row>' + tail)
    print(json.dumps(["bomb.xlsx", "wide.xlsx"]))


def cmd_read(args):
    """read FILE [ENCODING]: the rows of a workbook (openpyxl) or a CSV file (Python's codec)
    as a JSON array of arrays of strings (None for empty cells)."""
    path = args[0]
    if path.endswith(".xlsx"):
        import openpyxl
        ws = openpyxl.load_workbook(path, read_only=True).active
        rows = [[None if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    else:
        with open(path, "rb") as f:
            data = f.read()
        text = data.decode(args[1] if len(args) > 1 else "utf-8-sig")
        rows = [[c if c != "" else None for c in r] for r in csv.reader(io.StringIO(text, newline=""))]
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    {"register": cmd_register, "csv-edges": cmd_csv_edges, "merged": cmd_merged,
     "incidents": cmd_incidents, "organisations": cmd_organisations, "assistant": cmd_assistant, "read": cmd_read, "hostile": cmd_hostile}[sys.argv[1]](sys.argv[2:])
