"""The registration workflow of a contract record, declared once (REGISTRATION.md §4.4).

Roles relative to a contract: ``applicant`` (an approved member of the organisation that records it),
``clerk`` (a clerk assigned to the contract's registration site) and ``second_clerk`` (a clerk of that
site other than the one who gave the first approval of a large contract).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from marketplace.contracts.services import is_site_clerk
from marketplace.contracts.vocab import ContractStatus
from marketplace.core.states import StateMachine, Transition

APPLICANT = "applicant"
CLERK = "clerk"
SECOND_CLERK = "second_clerk"


class RegistrationAction(StrEnum):
    SUBMIT = "submit"  #: apply at a site
    RESUBMIT = "resubmit"  #: after a return for correction
    ACCEPT = "accept"  #: 受理: the decision clock starts
    RETURN = "return"  #: 补正, with coded reasons and a due date
    APPROVE = "approve"  #: 认定登记
    APPROVE_FIRST = "approve_first"  #: first approval of a large contract
    CONFIRM = "confirm"  #: the second clerk's approval
    REFUSE = "refuse"  #: 不予登记, with a coded reason
    REQUEST_CHANGE = "request_change"  #: 变更登记: the applicant corrects a registered contract (number kept)
    REQUEST_CANCEL = "request_cancel"  #: the applicant asks for 注销 (terminated or revoked)
    CANCEL = "cancel"  #: 注销 (terminated, revoked, or obtained by fraud)
    KEEP = "keep"  #: the site declines a cancellation request


def registration_roles(actor: Any, contract: Any) -> set[str]:
    roles: set[str] = set()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return roles
    membership = actor.membership
    if membership is not None and membership.organization_id == contract.organization_id:
        roles.add(APPLICANT)
    if is_site_clerk(actor, contract):
        roles.add(CLERK)
        if contract.first_approver_id is not None and contract.first_approver_id != actor.id:
            roles.add(SECOND_CLERK)
    return roles


S = ContractStatus
A = RegistrationAction
_applicant, _clerk, _second = frozenset({APPLICANT}), frozenset({CLERK}), frozenset({SECOND_CLERK})

REGISTRATION = StateMachine(
    name="contract",
    states=ContractStatus,
    actions=RegistrationAction,
    roles_of=registration_roles,
    transitions={
        (S.DRAFT, A.SUBMIT): Transition(S.SUBMITTED, _applicant),
        (S.RETURNED, A.RESUBMIT): Transition(S.SUBMITTED, _applicant),
        (S.SUBMITTED, A.ACCEPT): Transition(S.ACCEPTED, _clerk),
        (S.SUBMITTED, A.RETURN): Transition(S.RETURNED, _clerk, needs_note=True),
        (S.SUBMITTED, A.REFUSE): Transition(S.REFUSED, _clerk, needs_note=True),
        (S.ACCEPTED, A.RETURN): Transition(S.RETURNED, _clerk, needs_note=True),
        (S.ACCEPTED, A.APPROVE): Transition(S.REGISTERED, _clerk),
        (S.ACCEPTED, A.APPROVE_FIRST): Transition(S.SECOND_REVIEW, _clerk),
        (S.ACCEPTED, A.REFUSE): Transition(S.REFUSED, _clerk, needs_note=True),
        (S.SECOND_REVIEW, A.CONFIRM): Transition(S.REGISTERED, _second),
        (S.SECOND_REVIEW, A.RETURN): Transition(S.RETURNED, _second, needs_note=True),
        (S.SECOND_REVIEW, A.REFUSE): Transition(S.REFUSED, _second, needs_note=True),
        (S.REGISTERED, A.REQUEST_CHANGE): Transition(S.CHANGING, _applicant, needs_note=True),
        (S.CHANGING, A.RESUBMIT): Transition(S.SUBMITTED, _applicant),
        (S.REGISTERED, A.REQUEST_CANCEL): Transition(S.CANCEL_REQUESTED, _applicant, needs_note=True),
        (S.CANCEL_REQUESTED, A.CANCEL): Transition(S.CANCELLED, _clerk, needs_note=True),
        (S.CANCEL_REQUESTED, A.KEEP): Transition(S.REGISTERED, _clerk, needs_note=True),
        (S.REGISTERED, A.CANCEL): Transition(S.CANCELLED, _clerk, needs_note=True),
    },
    ignored=frozenset({(S.SUBMITTED, A.SUBMIT), (S.SUBMITTED, A.RESUBMIT), (S.ACCEPTED, A.ACCEPT)}),
)
