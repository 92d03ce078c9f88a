"""Catalogue rules, called directly: who publishes, validation, review workflow, revisions, expiry."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from marketplace.catalogue import services as catalogue
from marketplace.catalogue.models import Achievement, ListingView
from marketplace.catalogue.services import IPInput
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from marketplace.core.notifications import Notification
from marketplace.db import utcnow
from tests.factories import achievement_input, demand_input, owner_of


def fields(exc):
    return {f for f, _m in exc.reasons}


class TestWhoPublishes:
    def test_member_of_unverified_or_wrong_kind_of_org_cannot(self, session, make_org, make_user):
        pending = make_org(verified=False)
        with pytest.raises(PermissionDenied):
            catalogue.create_achievement(session, owner_of(pending), achievement_input())
        agency = make_org(type="agency")
        with pytest.raises(PermissionDenied):
            catalogue.create_achievement(session, owner_of(agency), achievement_input())
        with pytest.raises(PermissionDenied):
            catalogue.create_achievement(session, make_user(), achievement_input())

    def test_demands_are_for_enterprises(self, session, university, enterprise):
        with pytest.raises(PermissionDenied):
            catalogue.create_demand(session, owner_of(university), demand_input())
        demand = catalogue.create_demand(session, owner_of(enterprise), demand_input())
        assert demand.status == "draft" and demand.organization_id == enterprise.id


class TestValidation:
    def test_every_problem_at_once(self, session, university):
        bad = achievement_input(
            title="题" * 101,
            summary="短",
            field="astrology",
            transfer_modes=[],
            ip_items=[IPInput("invention", "201710601862.4")],
            trl=12,
            price=Decimal(-1),
        )
        with pytest.raises(ValidationFailed) as caught:
            catalogue.create_achievement(session, owner_of(university), bad)
        assert fields(caught.value) == {
            "title",
            "summary",
            "field",
            "transfer_modes",
            "ip_items",
            "trl",
            "price",
        }
        assert session.scalar(sa.select(sa.func.count(Achievement.id))) == 0

    def test_patent_number_must_match_its_type(self, session, university):
        design_with_invention_number = achievement_input(ip_items=[IPInput("design", "201710601862.3")])
        with pytest.raises(ValidationFailed):
            catalogue.create_achievement(session, owner_of(university), design_with_invention_number)
        ok = catalogue.create_achievement(
            session,
            owner_of(university),
            achievement_input(ip_items=[IPInput("invention", "ZL 2017 1 0601862.3")]),
        )
        assert ok.ip_items[0].number == "201710601862.3"

    def test_rich_text_is_sanitised(self, session, university):
        dirty = achievement_input(
            summary='<p onclick="x()">好的成果<script>alert(1)</script>，性能提升30%以上，适用面广</p>'
            '<a href="javascript:alert(1)">链接</a>'
        )
        achievement = catalogue.create_achievement(session, owner_of(university), dirty)
        assert "<script" not in achievement.summary and "onclick" not in achievement.summary
        assert "javascript:" not in achievement.summary and "好的成果" in achievement.summary

    def test_plain_text_keeps_its_paragraphs(self, session, university):
        text = "第一段，介绍技术原理与主要指标。\n\n第二段，应用场景与产业化前景。"
        achievement = catalogue.create_achievement(
            session, owner_of(university), achievement_input(summary=text)
        )
        assert achievement.summary.count("<p>") == 2

    def test_demand_deadline_and_challenge_terms(self, session, enterprise):
        with pytest.raises(ValidationFailed) as caught:
            catalogue.create_demand(
                session,
                owner_of(enterprise),
                demand_input(
                    deadline=date.today() - timedelta(days=1),
                    kind="challenge",
                    reward=None,
                    application_deadline=None,
                    cofunding_rate=Decimal("1.5"),
                ),
            )
        assert fields(caught.value) == {"deadline", "reward", "application_deadline", "cofunding_rate"}


class TestWorkflow:
    def test_submit_return_resubmit_approve_with_filing_number(self, session, university, moderator):
        owner = owner_of(university)
        achievement = catalogue.create_achievement(session, owner, achievement_input())
        catalogue.act(session, owner, achievement, "submit")
        with pytest.raises(PermissionDenied):
            catalogue.act(session, owner, achievement, "approve")
        with pytest.raises(ValidationFailed):
            catalogue.act(session, moderator, achievement, "return", note="")
        catalogue.act(session, moderator, achievement, "return", note="请补充专利证书")
        assert achievement.status == "returned" and achievement.review_note == "请补充专利证书"
        catalogue.act(session, owner, achievement, "submit")
        catalogue.act(session, moderator, achievement, "approve")
        year = utcnow().year
        assert achievement.status == "published"
        assert achievement.filing_number == f"CG-{year}-310000-000001"
        assert achievement.expires_at > utcnow() + timedelta(days=360)
        messages = session.scalars(
            sa.select(Notification.message).where(Notification.user_id == owner.id)
        ).all()
        assert any("returned" in m for m in messages) and any("published" in m for m in messages)

    def test_filing_numbers_count_per_province_and_year(
        self, session, university, make_org, make_user, make_achievement, moderator
    ):
        first = make_achievement(publish_with=moderator)
        second = make_achievement(publish_with=moderator)
        guangdong = make_org(make_user(), type="institute", province="440000", city="440300")
        third = make_achievement(
            guangdong, publish_with=moderator, province_code="440000", city_code="440300"
        )
        serials = [a.filing_number.rsplit("-", 2)[-2:] for a in (first, second, third)]
        assert serials == [["310000", "000001"], ["310000", "000002"], ["440000", "000001"]]

    def test_another_org_cannot_act_or_edit(self, session, make_achievement, make_org, make_user):
        achievement = make_achievement()
        outsider = owner_of(make_org(make_user()))
        with pytest.raises(PermissionDenied):
            catalogue.act(session, outsider, achievement, "submit")
        with pytest.raises(PermissionDenied):
            catalogue.update_listing(session, outsider, achievement, achievement_input(title="改名"))
        with pytest.raises(PermissionDenied):
            catalogue.delete_listing(session, outsider, achievement)

    def test_published_edit_waits_for_review(self, session, make_achievement, moderator):
        achievement = make_achievement(publish_with=moderator)
        owner = owner_of(achievement.organization)
        outcome = catalogue.update_listing(
            session, owner, achievement, achievement_input(title="修改后的标题")
        )
        assert outcome == "revision"
        assert achievement.title == "高镍三元正极材料表面包覆改性技术"  # the published version stays
        assert (
            achievement.revision_status == "submitted"
            and achievement.pending_changes["title"] == "修改后的标题"
        )
        catalogue.decide_revision(session, moderator, achievement, "return", note="标题不准确")
        assert achievement.revision_status == "returned" and achievement.title != "修改后的标题"
        catalogue.update_listing(session, owner, achievement, achievement_input(title="再次修改的标题"))
        catalogue.decide_revision(session, moderator, achievement, "approve")
        assert achievement.title == "再次修改的标题" and achievement.pending_changes is None
        assert achievement.status == "published"

    def test_closed_listing_is_final(self, session, make_achievement, moderator):
        achievement = make_achievement(publish_with=moderator)
        owner = owner_of(achievement.organization)
        catalogue.act(session, owner, achievement, "mark_transferred")
        with pytest.raises(ValidationFailed):
            catalogue.update_listing(session, owner, achievement, achievement_input())
        with pytest.raises(InvalidTransition):
            catalogue.act(session, owner, achievement, "submit")

    def test_expiry_and_reminder(self, session, make_achievement, make_demand, moderator):
        achievement = make_achievement(publish_with=moderator)
        demand = make_demand(publish_with=moderator, deadline=date.today() + timedelta(days=3))
        now = utcnow()
        assert catalogue.remind_expiring(session, now + timedelta(days=340)) == 1
        assert catalogue.remind_expiring(session, now + timedelta(days=341)) == 0  # once only
        assert catalogue.expire_due(session, now + timedelta(days=5)) == 1
        assert demand.status == "expired" and achievement.status == "published"
        assert catalogue.expire_due(session, now + timedelta(days=400)) == 1
        assert achievement.status == "expired"
        # the owner may publish it again, through review
        catalogue.act(session, owner_of(achievement.organization), achievement, "submit")
        assert achievement.status == "submitted"


class TestVisibility:
    def test_contact_details(self, session, make_achievement, make_org, make_user, add_member):
        achievement = make_achievement()
        assert not catalogue.contact_visible(None, achievement)
        assert not catalogue.contact_visible(make_user(), achievement)
        unverified = make_org(verified=False)
        assert not catalogue.contact_visible(owner_of(unverified), achievement)
        member = make_user()
        add_member(make_org(type="enterprise"), member)
        assert catalogue.contact_visible(member, achievement)

    def test_drafts_are_private(self, session, make_achievement, make_org, make_user, moderator):
        achievement = make_achievement()
        assert not catalogue.can_view(None, achievement)
        assert not catalogue.can_view(owner_of(make_org()), achievement)
        assert catalogue.can_view(moderator, achievement)
        assert catalogue.can_view(owner_of(achievement.organization), achievement)

    def test_one_view_per_visitor_per_day(self, session, make_achievement, moderator):
        achievement = make_achievement(publish_with=moderator)
        today = date.today()
        assert catalogue.record_view(session, achievement, "a:x", today)
        assert not catalogue.record_view(session, achievement, "a:x", today)
        assert catalogue.record_view(session, achievement, "a:y", today)
        assert catalogue.record_view(session, achievement, "a:x", today + timedelta(days=1))
        session.refresh(achievement)
        assert achievement.view_count == 3
        assert session.scalar(sa.select(sa.func.count(ListingView.id))) == 3


def test_completeness_names_what_is_missing(session, make_achievement, app):
    achievement = make_achievement()
    result = catalogue.completeness(achievement)
    assert 0 < result.score < 100
    with app.test_request_context():
        missing = [str(m) for m in result.missing]
    assert "封面图片" in missing and "团队" not in missing


class TestInquiries:
    def test_verified_outsiders_ask_and_owners_read(
        self, session, make_achievement, moderator, enterprise, make_user
    ):
        from marketplace.core.notifications import Notification

        achievement = make_achievement(publish_with=moderator)
        asker = owner_of(enterprise)
        inquiry = catalogue.send_inquiry(
            session, asker, achievement, "我们有产线需求，想了解许可费用，电话 0574-1234567。"
        )
        owner = owner_of(achievement.organization)
        assert catalogue.inquiries_for(session, owner, achievement) == [inquiry]
        assert catalogue.inquiries_for(session, asker, achievement) == []  # not a public thread
        assert catalogue.inquiry_counts(session, type(achievement), [achievement.id]) == {achievement.id: 1}
        messages = session.scalars(
            sa.select(Notification.message).where(Notification.user_id == owner.id)
        ).all()
        assert any("inquiry" in m for m in messages)
        with pytest.raises(PermissionDenied):  # no organisation
            catalogue.send_inquiry(session, make_user(), achievement, "想了解一下这个成果的情况。")
        with pytest.raises(PermissionDenied):  # the owner itself
            catalogue.send_inquiry(session, owner, achievement, "自己问自己的问题内容。")
        with pytest.raises(ValidationFailed):
            catalogue.send_inquiry(session, asker, achievement, "太短")
