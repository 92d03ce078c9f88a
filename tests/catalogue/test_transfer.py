"""Bulk import and export of listings: XLSX and CSV, Chinese encodings, all-or-nothing rules, round trips."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
import sqlalchemy as sa

from marketplace.catalogue import transfer
from marketplace.catalogue.models import Achievement, Demand
from marketplace.catalogue.services import IPInput
from marketplace.core.errors import PermissionDenied, ValidationFailed
from tests.factories import owner_of

TODAY = date.today()

ACHIEVEMENT = {
    "标题": "高镍三元正极材料表面包覆改性技术",
    "成果简介": "采用原子层沉积在高镍正极表面形成均匀包覆层，循环寿命提升30%，适用于动力电池。",
    "技术领域": "新能源汽车",
    "关键词": "锂电池、正极材料，包覆",
    "成熟度": "中试",
    "技术就绪度TRL": "6",
    "转化方式": "许可、转让",
    "转让价格（万元）": "120",
    "省份代码": "310000",
    "城市代码": "310100",
    "联系人": "李老师",
    "联系电话": "021-12345678",
    "联系邮箱": "li@example.edu.cn",
    "英文标题": "Surface coating of high-nickel cathodes",
    "知识产权": "发明专利:201710601862.3:已授权; 软件著作权:2021SR0123456:已授权",
}

DEMAND = {
    "类型": "技术需求",
    "标题": "焊接机器人焊缝跟踪精度提升",
    "技术领域": "高端装备制造",
    "需解决的问题": "现有焊接机器人在厚板多层多道焊时焊缝跟踪偏差大，返修率高，影响交付。",
    "目标指标": "焊缝一次合格率≥99.5%，节拍≤45秒/件",
    "约束条件": "改造成本不超过原设备价格的20%",
    "知识产权约定": "成果归企业所有",
    "关键词": "焊接 机器人",
    "期望成熟度": "中试",
    "合作方式": "合作开发、许可",
    "预算（万元）": "面议",
    "截止日期": (TODAY + timedelta(days=90)).isoformat(),
    "省份代码": "330000",
    "城市代码": "330200",
    "联系人": "王工",
    "联系电话": "0574-87654321",
    "联系邮箱": "wang@example.com",
    "榜单金额（万元）": "",
    "揭榜截止日期": "",
}


def achievement_row(i: int = 0, changes: dict | None = None) -> dict:
    return {**ACHIEVEMENT, "标题": f"高镍三元正极材料表面包覆改性技术（第{i}批）", **(changes or {})}


def xlsx(rows: list[dict], headers: list[str] | None = None) -> bytes:
    headers = headers or list(rows[0])
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_file(rows: list[dict], encoding: str = "utf-8-sig", headers: list[str] | None = None) -> bytes:
    headers = headers or list(rows[0])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows([row.get(h, "") for h in headers] for row in rows)
    return buffer.getvalue().encode(encoding)


def problems(report: transfer.ImportReport) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, str(e.message)) for e in report.errors]


def drafts(session, model, org) -> list:
    return session.scalars(
        sa.select(model).where(model.organization_id == org.id, model.status == "draft").order_by(model.id)
    ).all()


def snapshot(listing, kind: str) -> dict:
    """The listing's values in every import column (IP items as tuples)."""
    values = {c.field: getattr(listing, c.field) for c in transfer.KINDS[kind].columns}
    if "ip_items" in values:
        values["ip_items"] = [(i.ip_type, i.number, i.status) for i in values["ip_items"]]
    return values


def test_thousand_row_workbook_becomes_drafts(session, university):
    maturities = ["研发阶段", "小试", "pilot", "产业化"]
    rows = [
        achievement_row(i, {"成熟度": maturities[i % 4], "转让价格（万元）": "" if i % 2 else f"{i}.5"})
        for i in range(1000)
    ]
    report = transfer.import_listings(session, owner_of(university), "achievements", xlsx(rows), "成果.xlsx")
    assert report.ok and (report.total_rows, report.imported) == (1000, 1000)
    saved = drafts(session, Achievement, university)
    assert len(saved) == 1000 and len({a.title for a in saved}) == 1000
    first, second = saved[0], saved[1]
    assert first.title == "高镍三元正极材料表面包覆改性技术（第0批）" and first.price == Decimal("5000.00")
    assert second.price is None and second.maturity == "lab" and saved[2].maturity == "pilot"
    assert first.keywords == ["锂电池", "正极材料", "包覆"] and first.transfer_modes == [
        "licence",
        "assignment",
    ]
    assert [(i.ip_type, i.number, i.status) for i in first.ip_items] == [
        ("invention", "201710601862.3", "granted"),
        ("software", "2021SR0123456", "granted"),
    ]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_in_chinese_encodings(session, university, encoding):
    data = csv_file([achievement_row(1)], encoding)
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    report = transfer.import_listings(session, owner_of(university), "achievements", data, "成果.csv")
    assert report.ok and report.imported == 1
    (saved,) = drafts(session, Achievement, university)
    assert saved.title == "高镍三元正极材料表面包覆改性技术（第1批）"
    assert "循环寿命提升30%" in saved.summary and saved.contact_name == "李老师"
    assert saved.field == "nev" and saved.maturity == "pilot" and saved.price == Decimal("1200000.00")


def test_every_bad_row_is_reported_and_nothing_is_saved(session, university):
    rows = [achievement_row(i) for i in range(500)]
    rows[9] = achievement_row(9, {"知识产权": "发明专利:201710601862.4:已授权"})  # wrong check digit
    rows[199] = achievement_row(199, {"成熟度": "beta"})
    rows[498] = achievement_row(498, {"标题": ""})
    report = transfer.import_listings(session, owner_of(university), "achievements", xlsx(rows), "x.xlsx")
    assert not report.ok and (report.total_rows, report.imported) == (500, 0)
    assert [(row, column) for row, column, _m in problems(report)] == [
        (11, "知识产权"),
        (201, "成熟度"),
        (500, "标题"),
    ]
    messages = [m for _r, _c, m in problems(report)]
    assert "201710601862.4" in messages[0] and "check digit" in messages[0]
    assert messages[1].startswith("“beta” is not one of the allowed values") and "中试 (pilot)" in messages[1]
    assert messages[2] == "Enter a title."
    assert drafts(session, Achievement, university) == []


def test_dry_run_validates_without_writing(session, university):
    actor = owner_of(university)
    good = xlsx([achievement_row(i) for i in range(3)])
    report = transfer.import_listings(session, actor, "achievements", good, "x.xlsx", dry_run=True)
    assert report.ok and report.dry_run and (report.total_rows, report.imported) == (3, 0)
    bad = xlsx([achievement_row(1), achievement_row(2, {"转化方式": "赠送"})])
    report = transfer.import_listings(session, actor, "achievements", bad, "x.xlsx", dry_run=True)
    assert [(r, c) for r, c, _m in problems(report)] == [(3, "转化方式")]
    assert drafts(session, Achievement, university) == []


def _not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


HEADERS = list(ACHIEVEMENT)
FILE_PROBLEMS = {
    "unknown header": (
        csv_file([{**achievement_row(), "备注": "x"}]),
        "x.csv",
        (1, "备注", "Unknown column “备注”; use the headers of the template."),
    ),
    "missing header": (
        csv_file([achievement_row()], headers=[h for h in HEADERS if h != "成熟度"]),
        "x.csv",
        (1, "成熟度", "The required column “成熟度” is missing."),
    ),
    "repeated header": (
        csv_file([achievement_row()], headers=[*HEADERS, "title"]),
        "x.csv",
        (1, "title", "The column “标题” appears more than once."),
    ),
    "neither encoding": (
        "标题,成果简介\n高镍,包覆\n".encode("utf-16"),
        "x.csv",
        (0, "", str(transfer.UNKNOWN_ENCODING)),
    ),
    "picture": (b"\x89PNG\r\n\x1a\n" + bytes(64), "photo.png", (0, "", str(transfer.NOT_SPREADSHEET))),
    "pdf named xlsx": (b"%PDF-1.7\n%%EOF", "listings.xlsx", (0, "", str(transfer.NOT_SPREADSHEET))),
    "zip that is no workbook": (_not_a_workbook(), "x.xlsx", (0, "", str(transfer.UNREADABLE_XLSX))),
    "headers only": (",".join(HEADERS).encode(), "x.csv", (0, "", str(transfer.NO_ROWS))),
    "too many rows": (
        csv_file([achievement_row(i) for i in range(transfer.MAX_ROWS + 1)]),
        "x.csv",
        (0, "", "The file has more than 5000 rows; split it into smaller files."),
    ),
    "value without header": (
        b"\xef\xbb\xbf"
        + ",".join(HEADERS).encode()
        + b"\n"
        + ",".join(ACHIEVEMENT.values()).encode()
        + b",x\n",
        "x.csv",
        (2, "", "Column P has values but no header."),
    ),
}


@pytest.mark.parametrize("case", list(FILE_PROBLEMS))
def test_file_level_problems_import_nothing(session, university, case):
    data, filename, expected = FILE_PROBLEMS[case]
    report = transfer.import_listings(session, owner_of(university), "achievements", data, filename)
    assert problems(report) == [expected] and report.imported == 0
    assert drafts(session, Achievement, university) == []


def test_read_rows_rejects_unreadable_files():
    with pytest.raises(transfer.FileRejected) as caught:
        transfer.read_rows(b"\xff\xfe\x00\x00", "x.csv")
    assert caught.value.errors[0].row == 0 and isinstance(caught.value, ValidationFailed)
    rows = transfer.read_rows(csv_file([achievement_row(), {}, achievement_row(2)]), "x.csv")
    assert [row.number for row in rows] == [2, 4] and rows[1]["标题"].endswith("（第2批）")


def test_only_verified_publishers_may_import(session, make_org, university):
    pending = make_org(verified=False)
    with pytest.raises(PermissionDenied):  # refused before the file is even read
        transfer.import_listings(session, owner_of(pending), "achievements", b"garbage", "x.csv")
    with pytest.raises(PermissionDenied):  # demands are for enterprises
        transfer.import_listings(session, owner_of(university), "demands", csv_file([DEMAND]), "x.csv")


def test_demands_and_challenges(session, enterprise):
    challenge = {
        **DEMAND,
        "类型": "揭榜挂帅",
        "标题": "高精度焊缝视觉跟踪揭榜挂帅",
        "预算（万元）": 300,
        "截止日期": TODAY + timedelta(days=120),  # date cells, as Excel stores them
        "榜单金额（万元）": 50,
        "揭榜截止日期": TODAY + timedelta(days=60),
    }
    data = xlsx([DEMAND, challenge])
    report = transfer.import_listings(session, owner_of(enterprise), "demands", data, "需求.xlsx")
    assert report.ok and report.imported == 2
    demand, saved = drafts(session, Demand, enterprise)
    assert demand.kind == "demand" and demand.budget is None and demand.reward is None
    assert demand.modes == ["co_development", "licence"] and demand.keywords == ["焊接", "机器人"]
    assert saved.kind == "challenge" and saved.reward == Decimal("500000.00")
    assert saved.budget == Decimal("3000000.00") and saved.deadline == TODAY + timedelta(days=120)
    assert saved.application_deadline == TODAY + timedelta(days=60)


def test_challenge_terms_and_dates_are_checked(session, enterprise):
    rows = [
        {**DEMAND, "类型": "challenge", "截止日期": "2026/13/40"},
        {**DEMAND, "类型": "揭榜挂帅", "揭榜截止日期": (TODAY + timedelta(days=10)).strftime("%Y/%m/%d")},
        {**DEMAND, "类型": "招标"},
    ]
    report = transfer.import_listings(session, owner_of(enterprise), "demands", csv_file(rows), "x.csv")
    assert [(r, c) for r, c, _m in problems(report)] == [
        (2, "截止日期"),
        (2, "榜单金额（万元）"),
        (2, "揭榜截止日期"),
        (3, "榜单金额（万元）"),
        (4, "类型"),
    ]
    assert problems(report)[0][2].startswith("“2026/13/40” is not a date")
    assert problems(report)[3][2] == "A challenge needs a reward."
    assert drafts(session, Demand, enterprise) == []


def test_codes_english_headers_and_number_cells(session, university):
    row = {
        "title": "石墨烯导热膜连续化制备技术",
        "summary": "以氧化石墨烯为前驱体，连续涂布与高温石墨化制备导热膜，面内导热系数≥1500 W/mK。",
        "field": "新材料产业",
        "keywords": "石墨烯, 导热膜",
        "maturity": "Pilot",
        "TRL": 7,
        "transfer_modes": "licence,作价入股",
        "转让价格(万元)": 12.5,
        "province_code": 310000,
        "city_code": 310100,
        "ip_items": "技术秘密；实用新型:201620123456.1:申请中",
    }
    report = transfer.import_listings(session, owner_of(university), "achievements", xlsx([row]), "x.xlsx")
    assert report.ok, problems(report)
    (saved,) = drafts(session, Achievement, university)
    assert (saved.field, saved.maturity, saved.trl) == ("materials", "pilot", 7)
    assert saved.transfer_modes == ["licence", "equity"] and saved.price == Decimal("125000.00")
    assert (saved.province_code, saved.city_code) == ("310000", "310100")
    assert [(i.ip_type, i.number, i.status) for i in saved.ip_items] == [
        ("know_how", "", "granted"),
        ("utility_model", "201620123456.1", "pending"),
    ]


def test_failure_half_way_saves_nothing(session, university, monkeypatch):
    spec = transfer.KINDS["achievements"]
    created = []

    def flaky(session, actor, data):
        if len(created) == 2:
            raise ValidationFailed.one("title", "refused")
        created.append(spec.create(session, actor, data))
        return created[-1]

    monkeypatch.setitem(transfer.KINDS, "achievements", dataclasses.replace(spec, create=flaky))
    data = xlsx([achievement_row(i) for i in range(4)])
    report = transfer.import_listings(session, owner_of(university), "achievements", data, "x.xlsx")
    assert problems(report) == [(4, "标题", "refused")] and report.imported == 0
    assert len(created) == 2 and drafts(session, Achievement, university) == []


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_achievements_export_and_import_again(session, university, make_achievement, moderator, fmt):
    originals = [
        make_achievement(
            publish_with=moderator,
            summary="第一段，介绍技术原理与主要指标。\n\n第二段，应用场景与产业化前景，适用面广。",
            price=Decimal("1234500"),
            title_en="Cathode coating",
            ip_items=[
                IPInput("invention", "201710601862.3", "granted"),
                IPInput("software", "2021SR0123456", "pending"),
                IPInput("know_how", "", "granted"),
            ],
        ),
        make_achievement(
            publish_with=moderator,
            title="=1+1 看起来像公式的标题",
            contact_phone="+86 21 12345678",
            price=None,
            trl=None,
            ip_items=[],
            keywords=[],
        ),
    ]
    data = transfer.export_listings(originals, "achievements", fmt)
    rows = transfer.read_rows(data, f"export.{fmt}")
    assert rows[0]["状态"] == "已发布" and rows[0]["备案号"] == originals[0].filing_number
    assert rows[0]["机构"] == "测试理工大学" and rows[0]["转让价格（万元）"] == "123.45"
    assert rows[1]["转让价格（万元）"] == "面议" and rows[0]["成熟度"] == "中试"
    assert (
        rows[0]["知识产权"]
        == "发明专利:201710601862.3:已授权; 软件著作权:2021SR0123456:申请中; 技术秘密::已授权"
    )
    report = transfer.import_listings(session, owner_of(university), "achievements", data, f"export.{fmt}")
    assert report.ok and report.imported == 2, problems(report)
    copies = drafts(session, Achievement, university)  # the originals are published
    assert [snapshot(c, "achievements") for c in copies] == [snapshot(o, "achievements") for o in originals]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_demands_export_and_import_again(session, enterprise, make_demand, moderator, fmt):
    originals = [
        make_demand(publish_with=moderator, budget=Decimal("2000000"), keywords=["焊接", "视觉"]),
        make_demand(
            publish_with=moderator,
            kind="challenge",
            reward=Decimal("500000"),
            application_deadline=TODAY + timedelta(days=30),
            constraints="不改变现有产线布局",
        ),
    ]
    data = transfer.export_listings(originals, "demands", fmt)
    rows = transfer.read_rows(data, f"export.{fmt}")
    assert [r["类型"] for r in rows] == ["技术需求", "揭榜挂帅"] and rows[1]["榜单金额（万元）"] == "50"
    assert rows[0]["截止日期"] == originals[0].deadline.isoformat() and rows[0]["发布时间"]
    report = transfer.import_listings(session, owner_of(enterprise), "demands", data, f"export.{fmt}")
    assert report.ok and report.imported == 2, problems(report)
    copies = drafts(session, Demand, enterprise)
    assert [snapshot(c, "demands") for c in copies] == [snapshot(o, "demands") for o in originals]


def test_exports_keep_formulas_inert(session, make_achievement):
    achievement = make_achievement(title='=HYPERLINK("http://example.com")')
    data = transfer.export_listings([achievement], "achievements", "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in data.decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(transfer.export_listings([achievement], "achievements"))).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")


@pytest.mark.parametrize(("kind", "org"), [("achievements", "university"), ("demands", "enterprise")])
def test_template_has_the_headers_and_a_valid_example(session, request, kind, org):
    data = transfer.template(kind)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in transfer.KINDS[kind].columns]
    assert sheet.freeze_panes == "A2" and workbook.sheetnames[1] == "说明"
    explained = [row[0] for row in workbook["说明"].iter_rows(min_row=2, values_only=True)]
    assert set(explained) >= {c.header for c in transfer.KINDS[kind].columns}
    actor = owner_of(request.getfixturevalue(org))
    report = transfer.import_listings(session, actor, kind, data, "template.xlsx", dry_run=True)
    assert report.ok and report.total_rows == 1, problems(report)


def test_workbooks_that_unpack_too_large_are_refused(monkeypatch):
    monkeypatch.setattr(transfer, "MAX_UNZIPPED", 1024)
    with pytest.raises(transfer.FileRejected) as caught:
        transfer.read_rows(xlsx([achievement_row()]), "x.xlsx")
    assert str(caught.value.errors[0].message).startswith("The workbook holds more than")
