"""Bookmarks and curated collections (成果包)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from marketplace.catalogue import services as catalogue
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from tests.factories import PASSWORD, owner_of


@pytest.fixture
def agency(make_org, make_user):
    return make_org(make_user(), type="agency", name="测试技术转移中心")


def test_bookmarks_toggle_and_respect_visibility(session, make_achievement, moderator, make_user, make_org):
    user = make_user()
    published = make_achievement(publish_with=moderator, title="公开成果")
    assert catalogue.toggle_bookmark(session, user, published) is True
    assert catalogue.is_bookmarked(session, user, published)
    assert [a.title for a in catalogue.bookmarked(session, user, type(published))] == ["公开成果"]
    assert catalogue.toggle_bookmark(session, user, published) is False
    draft = make_achievement(title="他人的草稿")
    with pytest.raises(PermissionDenied):
        catalogue.toggle_bookmark(session, user, draft)


def test_collection_lifecycle(session, agency, make_achievement, moderator, university):
    curator = owner_of(agency)
    collection = catalogue.create_collection(session, curator, "新能源成果包", "面向长三角新能源企业。")
    with pytest.raises(ValidationFailed):  # nothing to publish yet
        catalogue.act_on_collection(session, curator, collection, "publish")
    first = make_achievement(publish_with=moderator, title="成果甲")
    second = make_achievement(publish_with=moderator, title="成果乙")
    draft = make_achievement(title="草稿成果")
    assert catalogue.add_to_collection(session, curator, collection, first)
    assert catalogue.add_to_collection(session, curator, collection, second)
    assert not catalogue.add_to_collection(session, curator, collection, first)  # already in it
    with pytest.raises(ValidationFailed):
        catalogue.add_to_collection(session, curator, collection, draft)
    catalogue.act_on_collection(session, curator, collection, "publish")
    assert collection.is_published and collection.published_at is not None
    catalogue.act(session, owner_of(university), second, "withdraw")
    assert [a.title for a in catalogue.visible_items(collection)] == ["成果甲"]
    with pytest.raises(InvalidTransition):
        catalogue.act_on_collection(session, curator, collection, "nonsense")


def test_only_agencies_and_authorities_curate(session, university, agency, make_org, make_user):
    with pytest.raises(PermissionDenied):
        catalogue.create_collection(session, owner_of(university), "高校的成果包", "")
    collection = catalogue.create_collection(session, owner_of(agency), "成果包", "")
    other_agency = make_org(make_user(), type="authority")
    with pytest.raises(PermissionDenied):
        catalogue.update_collection(session, owner_of(other_agency), collection, "改名", "")


def test_collection_page_and_excel_export(session, browser, agency, make_achievement, moderator):
    curator = owner_of(agency)
    collection = catalogue.create_collection(session, curator, "装备成果包", "")
    catalogue.add_to_collection(
        session, curator, collection, make_achievement(publish_with=moderator, title="激光焊接成果")
    )
    session.commit()
    assert browser.get(f"/collections/{collection.id}").status_code == 404  # a draft is private
    catalogue.act_on_collection(session, curator, collection, "publish")
    session.commit()
    page = browser.get(f"/collections/{collection.id}").get_data(as_text=True)
    assert "激光焊接成果" in page
    response = browser.get(f"/collections/{collection.id}.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "标题" in values and "激光焊接成果" in values


def test_curator_adds_from_the_achievement_page(session, browser, agency, make_achievement, moderator):
    curator = owner_of(agency)
    collection = catalogue.create_collection(session, curator, "我的成果包", "")
    achievement = make_achievement(publish_with=moderator)
    session.commit()
    browser.login(curator.email, PASSWORD)
    page = browser.get(f"/achievements/{achievement.id}").get_data(as_text=True)
    assert "add-to-collection" in page
    browser.post(
        f"/collections/{collection.id}/items",
        {"achievement_id": achievement.id},
        token_from=f"/achievements/{achievement.id}",
    )
    session.refresh(collection)
    assert [i.achievement_id for i in collection.items] == [achievement.id]
