"""Catalogue pages through HTTP: forms in 万元, public lists, contact visibility, checked uploads."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from PIL import Image

from marketplace.catalogue.models import Achievement, Attachment
from tests.factories import PASSWORD, owner_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(browser, achievement, data: bytes, name: str, role="document"):
    return browser.post(
        f"/achievements/{achievement.id}/attachments",
        {"file": (io.BytesIO(data), name), "role": role},
        token_from=f"/achievements/{achievement.id}",
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def store_path(app, sha: str) -> Path:
    return Path(app.instance_path) / "uploads" / sha[:2] / sha


class TestForms:
    def test_price_is_typed_in_wan_and_stored_in_yuan(self, browser, university, session):
        browser.login(owner_of(university).email, PASSWORD)
        form = {
            "title": "氢燃料电池膜电极",
            "summary": "膜电极铂载量降低40%，功率密度1.2W/cm²，已完成中试。",
            "field": "energy",
            "maturity": "pilot",
            "province_code": "310000",
            "city_code": "310100",
            "transfer_modes": ["licence", "equity"],
            "price": "85.5",
            "keywords": "氢能，燃料电池 膜电极",
            "ip_items-0-ip_type": "invention",
            "ip_items-0-number": "201710601862.3",
            "ip_items-0-status": "granted",
            "team-0-name": "王强",
            "team-0-title": "研究员",
        }
        response = browser.post("/achievements/new", form, token_from="/achievements/new")
        assert response.status_code == 302
        achievement = session.scalar(sa.select(Achievement).where(Achievement.title == "氢燃料电池膜电极"))
        assert achievement.price == Decimal("855000.00")
        assert achievement.keywords == ["氢能", "燃料电池", "膜电极"]
        assert achievement.ip_items[0].number == "201710601862.3" and achievement.team[0]["name"] == "王强"
        page = browser.get(f"/achievements/{achievement.id}").get_data(as_text=True)
        assert "85.5 万元" in page and "草稿" in page

    def test_invalid_patent_number_is_reported_on_the_form(self, browser, university, session):
        browser.login(owner_of(university).email, PASSWORD)
        form = {
            "title": "某技术",
            "summary": "足够长的成果简介，说明技术指标与应用场景。",
            "field": "it",
            "maturity": "lab",
            "province_code": "310000",
            "city_code": "310100",
            "transfer_modes": ["licence"],
            "ip_items-0-ip_type": "invention",
            "ip_items-0-number": "201710601862.9",
            "ip_items-0-status": "granted",
        }
        body = browser.post("/achievements/new", form, token_from="/achievements/new").get_data(as_text=True)
        assert "201710601862.9" in body and "校验" in body
        assert session.scalar(sa.select(sa.func.count(Achievement.id))) == 0


class TestPublicPages:
    def test_only_published_listings_are_listed_and_filtered(self, browser, make_achievement, moderator):
        published = make_achievement(publish_with=moderator, title="已发布的成果", field="energy")
        make_achievement(title="还是草稿的成果")
        body = browser.get("/achievements").get_data(as_text=True)
        assert "已发布的成果" in body and "还是草稿的成果" not in body
        assert published.filing_number in body
        assert "已发布的成果" not in browser.get("/achievements?field=bio").get_data(as_text=True)

    def test_contact_hidden_from_anonymous_shown_to_verified_member(
        self, browser, make_achievement, moderator, enterprise
    ):
        achievement = make_achievement(publish_with=moderator)
        body = browser.get(f"/achievements/{achievement.id}").get_data(as_text=True)
        assert "021-12345678" not in body and "contact-hidden" in body
        browser.login(owner_of(enterprise).email, PASSWORD)
        body = browser.get(f"/achievements/{achievement.id}").get_data(as_text=True)
        assert "021-12345678" in body

    def test_views_are_counted_once_per_visitor_and_day(self, browser, make_achievement, moderator, session):
        achievement = make_achievement(publish_with=moderator)
        for _ in range(3):
            browser.get(f"/achievements/{achievement.id}")
        session.refresh(achievement)
        assert achievement.view_count == 1


class TestUploads:
    def test_pdf_and_image_accepted_renamed_exe_refused(self, browser, make_achievement, session, app):
        achievement = make_achievement()
        browser.login(owner_of(achievement.organization).email, PASSWORD)
        assert "文件已添加" in upload(browser, achievement, PDF, "说明书.pdf").get_data(as_text=True)
        assert "文件已添加" in upload(browser, achievement, png_bytes(), "cover.png", role="cover").get_data(
            as_text=True
        )
        exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
        body = upload(browser, achievement, exe, "专利证书.pdf").get_data(as_text=True)
        assert "只接受 PDF 文档" in body
        html_as_png = b"<html><script>alert(1)</script></html>"
        assert "只接受 PNG" in upload(browser, achievement, html_as_png, "x.png", role="cover").get_data(
            as_text=True
        )
        rows = session.scalars(sa.select(Attachment).where(Attachment.achievement_id == achievement.id)).all()
        assert sorted(a.content_type for a in rows) == ["application/pdf", "image/png"]
        assert all(store_path(app, a.sha256).exists() for a in rows)

    def test_too_large_file_is_refused(self, browser, make_achievement, app, session):
        achievement = make_achievement()
        browser.login(owner_of(achievement.organization).email, PASSWORD)
        big = PDF[:-6] + b" " * (app.config["UPLOAD_MAX_BYTES"] + 1) + b"%%EOF\n"
        body = upload(browser, achievement, big, "big.pdf").get_data(as_text=True)
        assert "MB" in body and not session.scalars(sa.select(Attachment)).all()

    def test_deleting_a_listing_leaves_no_orphan_file(self, browser, make_achievement, app, session):
        first, second = make_achievement(title="成果一"), make_achievement(title="成果二")
        browser.login(owner_of(first.organization).email, PASSWORD)
        upload(browser, first, PDF + b"only-first", "a.pdf")
        upload(browser, first, PDF, "shared.pdf")
        upload(browser, second, PDF, "shared-too.pdf")
        digests = {a.sha256 for a in session.scalars(sa.select(Attachment)).all()}
        assert len(digests) == 2
        response = browser.post(
            f"/achievements/{first.id}/delete", {}, token_from=f"/achievements/{first.id}"
        )
        assert response.status_code == 302
        remaining = {a.sha256 for a in session.scalars(sa.select(Attachment)).all()}
        assert len(remaining) == 1
        assert all(store_path(app, d).exists() == (d in remaining) for d in digests)

    def test_download_of_a_draft_file_is_not_public(self, browser, make_achievement, client):
        achievement = make_achievement()
        browser.login(owner_of(achievement.organization).email, PASSWORD)
        upload(browser, achievement, PDF, "a.pdf")
        attachment_id = achievement.attachments[0].id if achievement.attachments else None
        page = browser.get(f"/achievements/{achievement.id}").get_data(as_text=True)
        attachment_id = int(re.search(r"/attachments/(\d+)", page).group(1))
        response = browser.get(f"/attachments/{attachment_id}")
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        response.close()
        browser.logout()
        assert browser.get(f"/attachments/{attachment_id}").status_code == 404


class TestImportPage:
    def test_bad_rows_are_listed_and_nothing_is_saved(self, browser, university, session):
        browser.login(owner_of(university).email, PASSWORD)
        header = "标题,成果简介,技术领域,成熟度,转化方式,省份代码,城市代码\n"
        good = "某项成果{n},一项经过中试验证的新技术，指标优于现有方案。,新材料,中试,许可,310000,310100\n"
        rows = [good.format(n=n) for n in range(20)]
        rows[4] = rows[4].replace(",中试,", ",beta,")
        rows[9] = rows[9].replace("310100", "440300")
        data = (header + "".join(rows)).encode("gb18030")
        body = browser.post(
            "/my/import",
            {"kind": "achievements", "file": (io.BytesIO(data), "成果.csv")},
            token_from="/my/import",
            content_type="multipart/form-data",
        ).get_data(as_text=True)
        assert "import-errors" in body and "成熟度" in body and "城市代码" in body
        assert re.search(r"<td>6</td>", body) and re.search(r"<td>11</td>", body)
        assert session.scalar(sa.select(sa.func.count(Achievement.id))) == 0

    def test_good_file_becomes_drafts(self, browser, university, session):
        browser.login(owner_of(university).email, PASSWORD)
        header = "标题,成果简介,技术领域,成熟度,转化方式,省份代码,城市代码\n"
        row = "导入成果{n},一项经过中试验证的新技术，指标优于现有方案。,新材料,中试,许可,310000,310100\n"
        data = (header + "".join(row.format(n=n) for n in range(5))).encode("utf-8-sig")
        response = browser.post(
            "/my/import",
            {"kind": "achievements", "file": (io.BytesIO(data), "a.csv")},
            token_from="/my/import",
            content_type="multipart/form-data",
        )
        assert response.status_code == 302
        statuses = session.scalars(sa.select(Achievement.status)).all()
        assert statuses == ["draft"] * 5

    def test_export_of_the_filtered_list(self, browser, make_achievement, moderator):
        make_achievement(publish_with=moderator, title="能源成果", field="energy")
        make_achievement(publish_with=moderator, title="信息成果", field="it")
        response = browser.get("/achievements/export.csv?field=energy")
        text = response.data.decode("utf-8-sig")
        assert "能源成果" in text and "信息成果" not in text


def test_inquiry_through_the_page(browser, make_achievement, moderator, enterprise, session):
    achievement = make_achievement(publish_with=moderator)
    browser.login(owner_of(enterprise).email, PASSWORD)
    page = f"/achievements/{achievement.id}"
    assert "inquiry-form" in browser.get(page).get_data(as_text=True)
    browser.post(
        f"{page}/inquiries", {"message": "请问是否支持普通许可？我们在宁波有两条产线。"}, token_from=page
    )
    browser.logout()
    browser.login(owner_of(achievement.organization).email, PASSWORD)
    body = browser.get(page).get_data(as_text=True)
    assert "宁波有两条产线" in body and enterprise.name in body
    assert "1 条咨询" in browser.get("/my/listings").get_data(as_text=True)


def test_my_listings_is_paginated_and_filtered(browser, make_achievement, moderator, university, app):
    for index in range(app.config["PER_PAGE"] + 5):
        make_achievement(title=f"我的成果{index:02d}", publish_with=moderator if index % 5 == 0 else None)
    browser.login(owner_of(university).email, PASSWORD)
    first = browser.get("/my/listings").get_data(as_text=True)
    second = browser.get("/my/listings?page=2").get_data(as_text=True)
    assert first.count("data-listing=") == app.config["PER_PAGE"] and second.count("data-listing=") == 5
    published = browser.get("/my/listings?status=published").get_data(as_text=True)
    assert published.count("data-listing=") == 5
