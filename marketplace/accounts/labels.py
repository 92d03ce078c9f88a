"""Display labels for the accounts vocabulary, translated lazily (rendered in the reader's language)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import (
    MembershipRole,
    MembershipStatus,
    OrganizationType,
    PlatformRole,
    VerificationStatus,
)

ORGANIZATION_TYPES = {
    OrganizationType.UNIVERSITY: _l("University"),
    OrganizationType.INSTITUTE: _l("Research institute"),
    OrganizationType.ENTERPRISE: _l("Enterprise"),
    OrganizationType.AGENCY: _l("Technology transfer agency"),
    OrganizationType.AUTHORITY: _l("Authority"),
}

PLATFORM_ROLES = {
    PlatformRole.ADMIN: _l("Platform administrator"),
    PlatformRole.MODERATOR: _l("Moderator"),
    PlatformRole.BROKER: _l("Technology broker"),
    PlatformRole.CLERK: _l("Registration clerk"),
}

VERIFICATION_STATUSES = {
    VerificationStatus.PENDING: _l("Awaiting verification"),
    VerificationStatus.VERIFIED: _l("Verified"),
    VerificationStatus.REJECTED: _l("Verification refused"),
}

MEMBERSHIP_STATUSES = {
    MembershipStatus.PENDING: _l("Awaiting approval"),
    MembershipStatus.APPROVED: _l("Member"),
    MembershipStatus.REJECTED: _l("Not a member"),
}

MEMBERSHIP_ROLES = {
    MembershipRole.MEMBER: _l("Member"),
    MembershipRole.ADMIN: _l("Organisation administrator"),
}

ACTIONS = {
    "approve": _l("Approve"),
    "reject": _l("Reject"),
    "remove": _l("Remove"),
    "verify": _l("Verify"),
    "revoke": _l("Revoke verification"),
    "resubmit": _l("Ask for verification again"),
}
