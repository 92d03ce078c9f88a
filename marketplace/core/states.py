"""State machines declared once, as a table of allowed transitions with the roles that may take them.

A domain declares ``StrEnum`` states and actions, a ``TRANSITIONS`` table and a ``roles_of(actor, obj)``
function that says which roles the actor holds *with respect to that object* (``platform_admin``,
``org_admin``, ``owner`` ...). ``StateMachine.apply`` checks the table, sets the new state and writes the
audit row, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from marketplace.core import audit
from marketplace.core.errors import InvalidTransition, PermissionDenied


@dataclass(frozen=True)
class Transition:
    to: str
    #: relative roles (see ``roles_of``) allowed to take this transition
    roles: frozenset[str]
    #: True when a note (a reason) must be given, e.g. for a rejection
    needs_note: bool = False


@dataclass
class StateMachine:
    name: str
    states: type
    actions: type
    transitions: Mapping[tuple[str, str], Transition]
    roles_of: Callable[[Any, Any], set[str]]
    state_attr: str = "status"
    #: (state, action) pairs that are harmless repeats (a double click): accepted, changing nothing
    ignored: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        valid_states = {s.value for s in self.states}
        valid_actions = {a.value for a in self.actions}
        for (state, action), transition in self.transitions.items():
            if state not in valid_states or transition.to not in valid_states:
                raise ValueError(f"{self.name}: unknown state in {(state, action)}")
            if action not in valid_actions:
                raise ValueError(f"{self.name}: unknown action {action!r}")

    def state_of(self, obj: Any) -> str:
        return str(getattr(obj, self.state_attr))

    def allowed_actions(self, obj: Any, actor: Any) -> list[str]:
        """Actions the actor may take on the object now, in declaration order (for buttons)."""
        state = self.state_of(obj)
        roles = self.roles_of(actor, obj)
        return [
            action
            for (from_state, action), t in self.transitions.items()
            if from_state == state and roles & t.roles
        ]

    def can(self, obj: Any, action: str, actor: Any) -> bool:
        t = self.transitions.get((self.state_of(obj), str(action)))
        return t is not None and bool(self.roles_of(actor, obj) & t.roles)

    def apply(
        self,
        session: Session,
        obj: Any,
        action: str,
        actor: Any,
        note: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> bool:
        """Take ``action`` on ``obj``; returns False for an ignored repeat, True when the state changed.

        Raises ``InvalidTransition`` when the action is not allowed from the current state,
        ``PermissionDenied`` when the actor holds none of the roles the transition needs, and
        ``ValueError`` when a required note is missing (callers validate forms before this).
        """
        action = str(action)
        state = self.state_of(obj)
        if (state, action) in self.ignored:
            return False
        transition = self.transitions.get((state, action))
        if transition is None:
            raise InvalidTransition(self.name, state, action)
        if not self.roles_of(actor, obj) & transition.roles:
            raise PermissionDenied(f"{self.name}.{action}")
        if transition.needs_note and not (note and note.strip()):
            raise ValueError(f"{self.name}.{action} needs a note")
        setattr(obj, self.state_attr, transition.to)
        old = {self.state_attr: state}
        new: dict[str, Any] = {self.state_attr: transition.to, **(extra or {})}
        audit.record(
            session, actor=actor, action=f"{self.name}.{action}", target=obj, old=old, new=new, note=note
        )
        return True
