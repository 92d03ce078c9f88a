"""Business rules of accounts, called directly (no request)."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from marketplace.accounts import services
from marketplace.accounts.models import Membership, Organization, User, VerificationStatus
from marketplace.accounts.states import MembershipAction, VerificationAction
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from marketplace.core.models import AuditLog
from tests.factories import PASSWORD, valid_credit_code


def fields(exc: ValidationFailed) -> set[str | None]:
    return {field for field, _message in exc.reasons}


def org_info(**overrides) -> services.OrganizationInfo:
    values = dict(
        name="东海理工大学",
        type="university",
        credit_code=valid_credit_code("12"),
        province_code="310000",
        city_code="310100",
    )
    values.update(overrides)
    return services.OrganizationInfo(**values)


class TestSignUp:
    def test_creates_user_with_argon2_hash(self, session):
        user = services.sign_up(session, services.SignupInfo(" Li.Wei@Example.COM ", PASSWORD, "李伟"))
        assert user.email == "li.wei@example.com"
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash

    def test_reports_every_problem_at_once(self, session):
        with pytest.raises(ValidationFailed) as caught:
            services.sign_up(session, services.SignupInfo("not-an-email", "short", " "))
        assert fields(caught.value) == {"email", "display_name", "password"}
        assert session.scalar(sa.select(sa.func.count(User.id))) == 0

    def test_duplicate_email_is_refused_case_insensitively(self, session, make_user):
        make_user("dup@example.com")
        with pytest.raises(ValidationFailed) as caught:
            services.sign_up(session, services.SignupInfo("DUP@example.com", PASSWORD, "重复"))
        assert fields(caught.value) == {"email"}
        assert session.scalar(sa.select(sa.func.count(User.id)).where(User.email == "dup@example.com")) == 1

    def test_over_long_name_is_refused(self, session):
        with pytest.raises(ValidationFailed) as caught:
            services.sign_up(session, services.SignupInfo("a@example.com", PASSWORD, "名" * 51))
        assert fields(caught.value) == {"display_name"}


class TestAuthenticate:
    def test_right_and_wrong_password(self, session, make_user):
        user = make_user("login@example.com")
        assert services.authenticate(session, "LOGIN@example.com", PASSWORD) is user
        assert user.last_login_at is not None
        assert services.authenticate(session, "login@example.com", "wrong password!") is None
        assert services.authenticate(session, "nobody@example.com", PASSWORD) is None

    def test_disabled_user_cannot_log_in(self, session, make_user):
        user = make_user("off@example.com")
        user.is_enabled = False
        assert services.authenticate(session, "off@example.com", PASSWORD) is None


class TestPasswordReset:
    def test_token_resets_once(self, session, make_user):
        user = make_user("reset@example.com")
        token = services.make_reset_token(user, "secret")
        services.reset_password(session, token, "a brand new password", "secret", 3600)
        assert services.authenticate(session, "reset@example.com", "a brand new password") is user
        with pytest.raises(ValidationFailed):  # the token died with the old password
            services.reset_password(session, token, "yet another password", "secret", 3600)

    def test_forged_and_expired_tokens_are_refused(self, session, make_user, app):
        user = make_user()
        with pytest.raises(ValidationFailed):
            services.user_for_reset_token(
                session, services.make_reset_token(user, "other secret"), "secret", 3600
            )
        token = services.make_reset_token(user, "secret")
        time.sleep(1.1)
        with pytest.raises(ValidationFailed) as caught:
            services.user_for_reset_token(session, token, "secret", 0)
        with app.test_request_context():  # messages are lazy: rendered in the reader's language
            assert str(caught.value.reasons[0][1]) == "该重置链接已过期，请重新申请。"


class TestOrganizations:
    def test_creator_becomes_admin_and_org_awaits_verification(self, session, make_user):
        owner = make_user()
        org = services.create_organization(session, owner, org_info())
        assert org.verification_status == VerificationStatus.PENDING
        session.expire(owner, ["memberships"])
        assert owner.membership.organization is org and owner.membership.is_admin
        actions = session.scalars(
            sa.select(AuditLog.action).where(AuditLog.object_type == "organization")
        ).all()
        assert actions == ["organization.create"]

    @pytest.mark.parametrize(
        "overrides, field",
        [
            ({"credit_code": "91310000MA1FL8XQ3X"}, "credit_code"),  # last character is not the check digit
            ({"credit_code": "123"}, "credit_code"),
            ({"name": "机" * 101}, "name"),
            ({"name": ""}, "name"),
            ({"type": "bank"}, "type"),
            ({"province_code": "999999"}, "province_code"),
            ({"city_code": "440300"}, "city_code"),  # Shenzhen is not in Shanghai
        ],
    )
    def test_invalid_input_changes_nothing(self, session, make_user, overrides, field):
        owner = make_user()
        with pytest.raises(ValidationFailed) as caught:
            services.create_organization(session, owner, org_info(**overrides))
        assert fields(caught.value) == {field}
        assert session.scalar(sa.select(sa.func.count(Organization.id))) == 0
        assert session.scalar(sa.select(sa.func.count(Membership.id))) == 0

    def test_credit_code_is_unique(self, session, make_user):
        code = valid_credit_code()
        services.create_organization(session, make_user(), org_info(credit_code=code))
        with pytest.raises(ValidationFailed) as caught:
            services.create_organization(session, make_user(), org_info(credit_code=code.lower()))
        assert fields(caught.value) == {"credit_code"}

    def test_one_organization_per_user(self, session, make_user, make_org):
        owner = make_user()
        make_org(owner)
        session.expire(owner, ["memberships"])
        with pytest.raises(PermissionDenied):
            services.create_organization(session, owner, org_info())

    def test_renaming_a_verified_org_sends_it_back_to_verification(self, session, make_org):
        org = make_org()
        owner = org.memberships[0].user
        info = org_info(name="新名称大学", credit_code=org.credit_code)
        services.update_organization(session, owner, org, info)
        assert org.name == "新名称大学"
        assert org.verification_status == VerificationStatus.PENDING
        row = session.scalars(sa.select(AuditLog).where(AuditLog.action == "organization.edit")).one()
        assert row.old_values["name"] != row.new_values["name"] == "新名称大学"
        assert row.new_values["verification_status"] == "pending"

    def test_verification_workflow(self, session, make_org, admin_user):
        org = make_org(verified=False)
        owner = org.memberships[0].user
        with pytest.raises(PermissionDenied):
            services.decide_verification(session, owner, org, VerificationAction.VERIFY)
        with pytest.raises(ValidationFailed):
            services.decide_verification(session, admin_user, org, VerificationAction.REJECT, note=" ")
        services.decide_verification(
            session, admin_user, org, VerificationAction.REJECT, note="营业执照不清晰"
        )
        assert org.verification_status == "rejected" and org.verification_note == "营业执照不清晰"
        services.decide_verification(session, owner, org, VerificationAction.RESUBMIT)
        services.decide_verification(session, admin_user, org, VerificationAction.VERIFY)
        assert org.is_verified and org.verified_at is not None
        # a repeated click is ignored, not an error, and writes no second audit row
        assert services.decide_verification(session, admin_user, org, VerificationAction.VERIFY) is False
        with pytest.raises(InvalidTransition):
            services.decide_verification(session, admin_user, org, VerificationAction.RESUBMIT)
        verifies = session.scalars(sa.select(AuditLog).where(AuditLog.action == "organization.verify")).all()
        assert len(verifies) == 1 and verifies[0].actor_id == admin_user.id


class TestMemberships:
    def test_request_and_approval_by_org_admin(self, session, make_org, make_user):
        org = make_org()
        org_admin = org.memberships[0].user
        applicant = make_user()
        membership = services.request_membership(session, applicant, org)
        assert membership.status == "pending"
        services.decide_membership(session, org_admin, membership, MembershipAction.APPROVE)
        assert membership.status == "approved" and membership.decided_by is org_admin

    def test_admin_of_another_org_cannot_decide(self, session, make_org, make_user):
        org, other = make_org(), make_org()
        membership = services.request_membership(session, make_user(), org)
        with pytest.raises(PermissionDenied):
            services.decide_membership(
                session, other.memberships[0].user, membership, MembershipAction.APPROVE
            )
        assert membership.status == "pending"

    def test_cannot_ask_twice_or_join_two(self, session, make_org, make_user):
        user = make_user()
        services.request_membership(session, user, make_org())
        session.expire(user, ["memberships"])
        with pytest.raises(PermissionDenied):
            services.request_membership(session, user, make_org())

    def test_last_admin_cannot_be_demoted_or_removed(self, session, make_org):
        org = make_org()
        admin_membership = org.memberships[0]
        with pytest.raises(ValidationFailed):
            services.set_member_role(session, admin_membership.user, admin_membership, "member")
        with pytest.raises(ValidationFailed):
            services.decide_membership(
                session, admin_membership.user, admin_membership, MembershipAction.REMOVE
            )
        assert admin_membership.role == "admin" and admin_membership.status == "approved"

    def test_rejected_user_may_ask_again(self, session, make_org, make_user, admin_user):
        org, user = make_org(), make_user()
        first = services.request_membership(session, user, org)
        services.decide_membership(session, admin_user, first, MembershipAction.REJECT)
        session.flush()
        session.expire(user, ["memberships"])
        second = services.request_membership(session, user, org)
        assert second.id != first.id and second.status == "pending"


class TestRoles:
    def test_only_admins_grant_roles_and_it_is_audited(self, session, make_user, admin_user):
        user, other = make_user(), make_user()
        with pytest.raises(PermissionDenied):
            services.grant_role(session, other, user, "moderator")
        assert services.grant_role(session, admin_user, user, "moderator") is True
        assert services.grant_role(session, admin_user, user, "moderator") is False
        assert user.has_role("moderator")
        with pytest.raises(ValidationFailed):
            services.grant_role(session, admin_user, user, "emperor")
        assert services.revoke_role(session, admin_user, user, "moderator") is True
        assert not user.has_role("moderator")
        actions = session.scalars(
            sa.select(AuditLog.action).where(
                AuditLog.object_id == str(user.id), AuditLog.object_type == "user_account"
            )
        ).all()
        assert actions.count("user.grant_role") == 1 and actions.count("user.revoke_role") == 1

    def test_admin_cannot_drop_own_admin_role(self, session, admin_user):
        with pytest.raises(ValidationFailed):
            services.revoke_role(session, admin_user, admin_user, "admin")
