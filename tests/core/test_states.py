"""Every state machine, tested from its own transition table."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from marketplace.accounts.states import MEMBERSHIP, ORGANIZATION_VERIFICATION
from marketplace.catalogue.states import BID, COLLECTION, LISTING, REVISION
from marketplace.core.errors import InvalidTransition, PermissionDenied
from marketplace.core.states import StateMachine

MACHINES = [ORGANIZATION_VERIFICATION, MEMBERSHIP, LISTING, REVISION, BID, COLLECTION]


class FakeSession:
    def __init__(self):
        self.added = []

    def add(self, obj):
        self.added.append(obj)


def actor_with(roles: set[str]):
    return SimpleNamespace(id=1, email="actor@example.com", roles_for_test=roles)


def machine_for_test(machine: StateMachine) -> StateMachine:
    """The same table, with roles read from the fake actor instead of the database."""
    return StateMachine(
        name=machine.name,
        states=machine.states,
        actions=machine.actions,
        transitions=machine.transitions,
        roles_of=lambda actor, obj: actor.roles_for_test,
        state_attr=machine.state_attr,
        ignored=machine.ignored,
    )


def every_role(machine: StateMachine) -> set[str]:
    return set().union(*(t.roles for t in machine.transitions.values()))


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
def test_listed_moves_succeed_for_their_roles_and_fail_for_others(machine):
    m = machine_for_test(machine)
    for (state, action), transition in machine.transitions.items():
        for role in every_role(machine):
            obj = SimpleNamespace(id=7, __tablename__="thing", **{m.state_attr: state})
            session = FakeSession()
            note = "reason" if transition.needs_note else None
            if role in transition.roles:
                assert m.apply(session, obj, action, actor_with({role}), note=note) is True
                assert getattr(obj, m.state_attr) == transition.to
                (row,) = session.added
                assert row.action == f"{machine.name}.{action}"
                assert (
                    row.old_values == {m.state_attr: state} and row.new_values[m.state_attr] == transition.to
                )
            else:
                with pytest.raises(PermissionDenied):
                    m.apply(session, obj, action, actor_with({role}), note=note)
                assert getattr(obj, m.state_attr) == state and session.added == []


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
def test_unlisted_moves_are_refused(machine):
    m = machine_for_test(machine)
    everyone = actor_with(every_role(machine))
    for state in machine.states:
        for action in machine.actions:
            if (state, action) in machine.transitions or (state, action) in machine.ignored:
                continue
            obj = SimpleNamespace(id=1, __tablename__="thing", **{m.state_attr: state.value})
            with pytest.raises(InvalidTransition):
                m.apply(FakeSession(), obj, action, everyone, note="x")


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
def test_ignored_repeats_change_nothing_and_write_nothing(machine):
    m = machine_for_test(machine)
    for state, action in machine.ignored:
        obj = SimpleNamespace(id=1, __tablename__="thing", **{m.state_attr: state})
        session = FakeSession()
        assert m.apply(session, obj, action, actor_with(every_role(machine))) is False
        assert session.added == [] and getattr(obj, m.state_attr) == state


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
def test_every_state_is_reachable(machine):
    targets = {t.to for t in machine.transitions.values()}
    sources = {state for state, _ in machine.transitions}
    initial = set(machine.states) - targets
    assert len(initial) <= 1, f"{machine.name}: several states nobody can reach: {initial}"
    assert set(machine.states) <= targets | sources


@pytest.mark.parametrize("machine", MACHINES, ids=lambda m: m.name)
def test_a_required_note_is_required(machine):
    m = machine_for_test(machine)
    for (state, action), transition in machine.transitions.items():
        if transition.needs_note:
            obj = SimpleNamespace(id=1, __tablename__="thing", **{m.state_attr: state})
            with pytest.raises(ValueError):
                m.apply(FakeSession(), obj, action, actor_with(set(transition.roles)), note="  ")
