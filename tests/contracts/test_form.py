"""Recording a contract in the browser form: errors next to their fields and nothing saved, then a draft
with its parties and costs; correcting a returned record."""

from __future__ import annotations

import sqlalchemy as sa

from marketplace.contracts.models import Contract
from tests.factories import PASSWORD

from .test_registration import world  # noqa: F401 - fixture


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF as a viewer extracts it, without white space (letter spacing and
    line breaks split words)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return "".join("".join(page.get_textpage().get_text_range().split()) for page in document)


BUYER_CODE = "91310000MA1FL8XQ37"


def _valid_form(org) -> dict:
    return {
        "title": "高性能锂电池隔膜涂覆工艺开发",
        "type_choice": "development:commissioned",
        "tech_field": "energy",
        "signed_on": "2026-10-08",
        "effective_on": "2026-10-08",
        "valid_from": "2026-10-08",
        "valid_until": "2027-10-07",
        "written": "y",
        "ip_kind": "none",
        "plan_source": "none",
        "payment_method": "instalments",
        "contract_amount": "1,200,000",
        "seller-kind": "organization",
        "seller-name": org.name,
        "seller-credit_code": org.credit_code,
        "seller-country_code": "156",
        "seller-region_code": org.city_code,
        "seller-legal_type": "022",
        "buyer-kind": "organization",
        "buyer-name": "上海隔膜材料有限公司",
        "buyer-credit_code": BUYER_CODE,
        "buyer-country_code": "156",
        "buyer-region_code": "310100",
        "buyer-legal_type": "150",
        "broker-kind": "organization",
        "broker-country_code": "156",
        "costs-0-category": "equipment",
        "costs-0-description": "涂覆试验设备",
        "costs-0-amount": "200000",
        "costs-1-category": "parts",
        "costs-1-description": "样机一套",
        "costs-1-amount": "50000",
        "costs-1-reasonable_carrier": "y",
    }


def test_record_a_contract_in_the_form(app, session, make_browser, world, university):  # noqa: F811
    owner = world["owner"]
    browser = make_browser()
    browser.login(owner.email, PASSWORD)
    assert 'id="new-contract"' in browser.get("/contracts").get_data(as_text=True)
    page = browser.get("/contracts/new").get_data(as_text=True)
    assert university.name in page  # the organisation is prefilled as the seller
    before = session.scalar(sa.select(sa.func.count(Contract.id)))

    bad = _valid_form(university) | {"contract_amount": "abc", "buyer-credit_code": "123", "valid_until": ""}
    bad["costs-0-amount"] = "-5"
    response = browser.post("/contracts/new", bad, token_from="/contracts/new")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "请填写以元为单位的合同成交额" in page or "合同成交额" in page
    assert "统一社会信用代码" in page and "is-invalid" in page
    assert session.scalar(sa.select(sa.func.count(Contract.id))) == before  # nothing saved

    response = browser.post("/contracts/new", _valid_form(university), token_from="/contracts/new")
    assert response.status_code == 302
    contract = session.scalar(sa.select(Contract).order_by(Contract.id.desc()))
    assert contract.status == "draft" and contract.subtype == "commissioned"
    assert str(contract.contract_amount) == "1200000.00"
    # the carrier of reasonable quantity is not deducted: 1,200,000 - 200,000
    assert str(contract.technical_amount) == "1000000.00"
    assert contract.seller.organization_id == university.id  # recognised by its credit code
    assert contract.buyer.region_code == "310100" and contract.broker is None

    page = browser.get(f"/contracts/{contract.id}/edit").get_data(as_text=True)
    assert "高性能锂电池隔膜涂覆工艺开发" in page and "涂覆试验设备" in page
    changed = _valid_form(university) | {"title": "隔膜涂覆工艺开发（修订）", "costs-0-amount": "300000"}
    edited = browser.post(f"/contracts/{contract.id}/edit", changed, token_from="/contracts/new")
    assert edited.status_code == 302
    session.refresh(contract)
    assert contract.title == "隔膜涂覆工艺开发（修订）" and str(contract.technical_amount) == "900000.00"


def test_only_the_recording_organisation_edits(app, make_browser, world, make_user):  # noqa: F811
    contract = world["contract"]
    outsider = make_browser()
    with app.app_context():
        stranger = make_user()
    outsider.login(stranger.email, PASSWORD)
    assert outsider.get(f"/contracts/{contract.id}/edit").status_code == 403
    clerk = make_browser()
    clerk.login(world["clerks"][0].email, PASSWORD)
    assert clerk.get("/contracts/new").status_code == 403


def test_certificate_and_notice_pdfs(app, session, make_browser, world):  # noqa: F811
    """The certificate of a registered contract: its number, amounts and Chinese text are in the PDF;
    a refused one gets the 未予登记 notice; neither exists in the wrong state or for outsiders."""
    from datetime import UTC, datetime
    from decimal import Decimal

    from marketplace.contracts import registration, services
    from tests.contracts.test_records import CASES, contract_for

    from .test_registration import TODAY

    contract, owner, (clerk, _other, far) = world["contract"], world["owner"], world["clerks"]
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    with app.app_context():
        registration.submit(session, owner, contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, now)
        registration.approve(session, clerk, contract, now=now)
        (case,) = [c for c in CASES if c["id"] == "TC01"]
        refused = services.create_contract(session, owner, contract_for(case), TODAY)
        registration.submit(session, owner, refused, world["sh"], TODAY)
        registration.refuse(session, clerk, refused, "not_technology", "属于一般商品买卖", now)
        session.commit()
        number, refused_id = contract.registration_number, refused.id
    browser = make_browser()
    browser.login(owner.email, PASSWORD)
    response = browser.get(f"/contracts/{contract.id}/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert number in text and "技术合同登记证明" in text and "".join(contract.title.split()) in text
    assert "上海市技术合同登记处" in text and f"{Decimal(contract.technical_amount):,.2f}" in text
    assert browser.get(f"/contracts/{contract.id}/notice.pdf").status_code == 403  # not refused
    notice = browser.get(f"/contracts/{refused_id}/notice.pdf")
    text = pdf_text(notice.data)
    assert "未予登记" in text and "不属于技术合同" in text and "属于一般商品买卖" in text
    assert browser.get(f"/contracts/{refused_id}/certificate.pdf").status_code == 403
    stranger = make_browser()
    stranger.login(far.email, PASSWORD)  # a clerk of another site
    assert stranger.get(f"/contracts/{contract.id}/certificate.pdf").status_code == 403


def test_documents_of_the_application(app, session, make_browser, world):  # noqa: F811
    """The applicant attaches the signed text (checked by content); the site's clerk downloads it; a
    renamed program is refused; files are fixed once the application is under review."""
    contract, owner, (clerk, _other, far) = world["contract"], world["owner"], world["clerks"]
    url = f"/contracts/{contract.id}"
    applicant = make_browser()
    applicant.login(owner.email, PASSWORD)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    import io

    def upload(data, name):
        return applicant.post(
            f"{url}/documents",
            {"kind": "contract_text", "file": (io.BytesIO(data), name)},
            token_from=url,
            content_type="multipart/form-data",
        )

    assert upload(b"MZ\x90\x00 not a pdf", "合同.pdf").status_code == 302
    session.refresh(contract)
    assert contract.documents == []
    assert upload(pdf, "技术开发合同（盖章）.pdf").status_code == 302
    session.refresh(contract)
    (document,) = contract.documents
    assert document.content_type == "application/pdf" and document.filename == "技术开发合同（盖章）.pdf"
    with app.app_context():
        from marketplace.contracts import registration

        from .test_registration import TODAY

        registration.submit(session, owner, session.merge(contract), world["sh"], TODAY)
        session.commit()
    officer = make_browser()
    officer.login(clerk.email, PASSWORD)
    download = officer.get(f"{url}/documents/{document.id}")
    assert download.data == pdf
    download.close()
    stranger = make_browser()
    stranger.login(far.email, PASSWORD)
    assert stranger.get(f"{url}/documents/{document.id}").status_code == 403
    # under review the files are fixed: neither added nor removed
    assert upload(pdf + b" ", "另一份.pdf").status_code == 403
    assert applicant.post(f"{url}/documents/{document.id}/delete", {}, token_from=url).status_code == 403
    session.refresh(contract)
    assert [d.filename for d in contract.documents] == ["技术开发合同（盖章）.pdf"]
