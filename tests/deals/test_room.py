"""The deal room: messages with attachments and unread counts, the NDA, the data room and its access log;
only the deal's parties, its brokers and admins get in."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from marketplace.core import uploads
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.core.notifications import Notification
from marketplace.deals import services as deals
from marketplace.deals.models import DataRoomAccess
from tests.factories import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def deal(app, session, deal_world):
    with app.app_context():
        opened = deals.open_deal(
            session, deal_world["broker"], demand=deal_world["demand"], achievement=deal_world["achievement"]
        )
        session.commit()
        return opened


def test_messages_nda_and_the_logged_data_room(app, session, deal_world, deal, tmp_path):
    w, store = deal_world, uploads.FileStore(tmp_path)
    with app.app_context():
        deals.post_message(session, w["broker"], deal, "两位好，约下周三线上沟通。", [], store, 10**6)
        with pytest.raises(ValidationFailed):  # a renamed program is refused
            deals.post_message(
                session, w["seller"], deal, "附件", [(b"MZ\x90 binary", "说明.pdf")], store, 10**6
            )
        deals.post_message(
            session, w["seller"], deal, "技术说明见附件", [(PDF, "技术说明.pdf")], store, 10**6
        )
        assert deals.unread_counts(session, w["buyer"], [deal.id]) == {deal.id: 2}
        deals.mark_read(session, w["buyer"], deal)
        assert deals.unread_counts(session, w["buyer"], [deal.id]) == {}
        assert (
            session.scalar(
                sa.select(sa.func.count(Notification.id)).where(Notification.user_id == w["buyer"].id)
            )
            >= 2
        )

        secret = deals.add_confidential_file(
            session, w["seller"], deal, PDF + b"%s", "工艺参数表.pdf", store, 10**6
        )
        with pytest.raises(PermissionDenied):
            deals.add_confidential_file(session, w["buyer"], deal, PDF, "x.pdf", store, 10**6)
        assert not deals.can_open(w["buyer"], secret)  # before the NDA
        with pytest.raises(PermissionDenied):
            deals.open_file(session, w["buyer"], secret)
        with pytest.raises(PermissionDenied):  # only the buyer accepts the NDA
            deals.accept_nda(session, w["seller"], deal)
        acceptance = deals.accept_nda(session, w["buyer"], deal)
        assert acceptance.version == 1 and acceptance.text_sha256 == deals.nda_sha256(deal)
        deals.open_file(session, w["buyer"], secret)
        deals.open_file(session, w["seller"], secret)  # the seller's own views are not logged
        log = deals.access_log(session, w["seller"], deal)
        assert [(a.user_id, a.file_id) for a in log] == [(w["buyer"].id, secret.id)]
        with pytest.raises(PermissionDenied):  # the log is for the seller and the brokers
            deals.access_log(session, w["buyer"], deal)
        with pytest.raises(PermissionDenied):  # a broker of another agency is not in the room
            deals.post_message(session, w["outsider"], deal, "你好", [], store, 10**6)


def test_room_pages_and_who_gets_in(app, session, make_browser, deal_world, deal, make_user):
    w = deal_world
    url = f"/deals/{deal.id}"
    buyer = make_browser()
    buyer.login(w["buyer"].email, PASSWORD)
    page = buyer.get(url).get_data(as_text=True)
    assert deal.title in page and 'id="nda-form"' in page and 'id="dataroom-form"' not in page
    sent = buyer.post(
        f"{url}/messages",
        {"body": "请提供中试数据", "files": [(io.BytesIO(PDF), "需求说明.pdf")]},
        token_from=url,
        content_type="multipart/form-data",
    )
    assert sent.status_code == 302
    seller = make_browser()
    seller.login(w["seller"].email, PASSWORD)
    board = seller.get("/deals").get_data(as_text=True)
    assert f'data-deal="{deal.id}"' in board and "text-bg-danger" in board  # one unread message
    page = seller.get(url).get_data(as_text=True)
    assert "请提供中试数据" in page and "需求说明.pdf" in page and 'id="dataroom-form"' in page
    for who in (w["outsider"], make_user()):
        stranger = make_browser()
        stranger.login(who.email, PASSWORD)
        assert stranger.get(url).status_code == 403
        assert stranger.post(f"{url}/messages", {"body": "x"}, token_from="/").status_code == 403
    with app.app_context():
        assert session.scalar(sa.select(sa.func.count(DataRoomAccess.id))) == 0
