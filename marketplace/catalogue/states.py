"""Review workflow of listings (achievements, demands, challenges), declared once.

Roles relative to a listing: ``owner`` (an approved member of the owning organisation), ``moderator``
(platform moderators and admins) and ``system`` (scheduled jobs: expiry).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from marketplace.accounts.models import PlatformRole
from marketplace.catalogue.models import BidStatus, CollectionStatus, ListingStatus, RevisionStatus
from marketplace.core.states import StateMachine, Transition

OWNER = "owner"
MODERATOR = "moderator"
SYSTEM = "system"


class ListingAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    WITHDRAW = "withdraw"
    CLOSE = "close"
    MARK_TRANSFERRED = "mark_transferred"
    EXPIRE = "expire"
    RENEW = "renew"


class RevisionAction(StrEnum):
    PROPOSE = "propose"
    APPROVE = "approve"
    RETURN = "return"


class System:
    """The actor of scheduled jobs (expiry); has no id and is recorded as ``system`` in the audit log."""

    id = None
    email = None
    is_authenticated = False


SYSTEM_ACTOR = System()


def listing_roles(actor: Any, listing: Any) -> set[str]:
    if actor is SYSTEM_ACTOR:
        return {SYSTEM}
    roles: set[str] = set()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return roles
    if actor.has_role(PlatformRole.MODERATOR) or actor.has_role(PlatformRole.ADMIN):
        roles.add(MODERATOR)
    membership = actor.membership
    if membership is not None and membership.organization_id == listing.organization_id:
        roles.add(OWNER)
    return roles


S = ListingStatus
A = ListingAction
_owner, _moderator, _system = frozenset({OWNER}), frozenset({MODERATOR}), frozenset({SYSTEM})

LISTING = StateMachine(
    name="listing",
    states=ListingStatus,
    actions=ListingAction,
    roles_of=listing_roles,
    transitions={
        (S.DRAFT, A.SUBMIT): Transition(S.SUBMITTED, _owner),
        (S.RETURNED, A.SUBMIT): Transition(S.SUBMITTED, _owner),
        (S.WITHDRAWN, A.SUBMIT): Transition(S.SUBMITTED, _owner),
        (S.EXPIRED, A.SUBMIT): Transition(S.SUBMITTED, _owner),
        (S.SUBMITTED, A.APPROVE): Transition(S.PUBLISHED, _moderator),
        (S.SUBMITTED, A.RETURN): Transition(S.RETURNED, _moderator, needs_note=True),
        (S.SUBMITTED, A.WITHDRAW): Transition(S.WITHDRAWN, _owner),
        (S.PUBLISHED, A.WITHDRAW): Transition(S.WITHDRAWN, _owner | _moderator, needs_note=False),
        (S.PUBLISHED, A.CLOSE): Transition(S.CLOSED, _owner),
        (S.PUBLISHED, A.MARK_TRANSFERRED): Transition(S.TRANSFERRED, _owner),
        (S.PUBLISHED, A.RENEW): Transition(S.PUBLISHED, _owner),
        (S.PUBLISHED, A.EXPIRE): Transition(S.EXPIRED, _system),
    },
    ignored=frozenset({(S.SUBMITTED, A.SUBMIT), (S.PUBLISHED, A.APPROVE)}),
)

R = RevisionStatus
RA = RevisionAction

REVISION = StateMachine(
    name="listing_revision",
    states=RevisionStatus,
    actions=RevisionAction,
    state_attr="revision_status",
    roles_of=listing_roles,
    transitions={
        (R.NONE, RA.PROPOSE): Transition(R.SUBMITTED, _owner),
        (R.RETURNED, RA.PROPOSE): Transition(R.SUBMITTED, _owner),
        (R.SUBMITTED, RA.PROPOSE): Transition(R.SUBMITTED, _owner),
        (R.SUBMITTED, RA.APPROVE): Transition(R.NONE, _moderator),
        (R.SUBMITTED, RA.RETURN): Transition(R.RETURNED, _moderator, needs_note=True),
    },
)


class BidAction(StrEnum):
    SHORTLIST = "shortlist"
    SELECT = "select"
    REJECT = "reject"
    WITHDRAW = "withdraw"


CHALLENGER = "challenger"  #: a member of the organisation that posted the challenge
BIDDER = "bidder"  #: a member of the organisation that applied


def bid_roles(actor: Any, bid: Any) -> set[str]:
    roles: set[str] = set()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return roles
    membership = actor.membership
    org_id = membership.organization_id if membership is not None else None
    if org_id == bid.demand.organization_id:
        roles.add(CHALLENGER)
    if org_id == bid.organization_id:
        roles.add(BIDDER)
    return roles


B = BidStatus
BA = BidAction
_challenger, _bidder = frozenset({CHALLENGER}), frozenset({BIDDER})

BID = StateMachine(
    name="bid",
    states=BidStatus,
    actions=BidAction,
    roles_of=bid_roles,
    transitions={
        (B.SUBMITTED, BA.SHORTLIST): Transition(B.SHORTLISTED, _challenger),
        (B.SUBMITTED, BA.SELECT): Transition(B.SELECTED, _challenger),
        (B.SHORTLISTED, BA.SELECT): Transition(B.SELECTED, _challenger),
        (B.SUBMITTED, BA.REJECT): Transition(B.NOT_SELECTED, _challenger),
        (B.SHORTLISTED, BA.REJECT): Transition(B.NOT_SELECTED, _challenger),
        (B.SUBMITTED, BA.WITHDRAW): Transition(B.WITHDRAWN, _bidder),
        (B.SHORTLISTED, BA.WITHDRAW): Transition(B.WITHDRAWN, _bidder),
    },
    ignored=frozenset({(B.SELECTED, BA.SELECT), (B.SHORTLISTED, BA.SHORTLIST)}),
)


class CollectionAction(StrEnum):
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"


CURATOR = "curator"  #: a member of the agency or authority that owns the collection


def collection_roles(actor: Any, collection: Any) -> set[str]:
    roles: set[str] = set()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return roles
    if actor.has_role(PlatformRole.MODERATOR) or actor.has_role(PlatformRole.ADMIN):
        roles.add(MODERATOR)
    membership = actor.membership
    if membership is not None and membership.organization_id == collection.organization_id:
        roles.add(CURATOR)
    return roles


COLLECTION = StateMachine(
    name="collection",
    states=CollectionStatus,
    actions=CollectionAction,
    roles_of=collection_roles,
    transitions={
        (CollectionStatus.DRAFT, CollectionAction.PUBLISH): Transition(
            CollectionStatus.PUBLISHED, frozenset({CURATOR})
        ),
        (CollectionStatus.PUBLISHED, CollectionAction.UNPUBLISH): Transition(
            CollectionStatus.DRAFT, frozenset({CURATOR, MODERATOR})
        ),
    },
    ignored=frozenset({(CollectionStatus.PUBLISHED, CollectionAction.PUBLISH)}),
)
