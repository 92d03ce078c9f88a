"""Versioned national registration rule sets (``rules.toml``), selected by a contract's signing date.

Rules changed with the 民法典 (2021: licensing split off transfer) and with the 2026 MIIT Measures, so a
contract signed in 2019 is classified under the 2001 taxonomy and one signed in 2026 under the new one.
Per-province settings (deadlines, filing windows, thresholds) are data in the database, not here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rules.toml")


@dataclass(frozen=True)
class ContractTypeRule:
    code: str
    zh: str
    applicant: str  #: which party applies: "seller" (the R&D party, transferor, licensor, service provider)
    subtypes: tuple[str, ...]
    checklist: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    code: str
    effective: date
    title: str
    types: dict[str, ContractTypeRule]
    combined_contracts: bool  #: the technical part of a combined contract may be registered
    task_book_accepted: bool  #: a government project's task book stands in for the contract text
    import_by_buyer: bool  #: technology imports are registered by the domestic buyer
    legacy: dict[str, str] = field(default_factory=dict)  #: "type/subtype" of older rule sets -> this one

    def type(self, code: str) -> ContractTypeRule | None:
        return self.types.get(code)

    def valid_subtype(self, type_code: str, subtype: str | None) -> bool:
        rule = self.types.get(type_code)
        if rule is None:
            return False
        return (subtype or "") in rule.subtypes if rule.subtypes else not subtype

    def current_form(self, type_code: str, subtype: str | None) -> tuple[str, str | None]:
        """A classification made under an older rule set, as this rule set names it (for statistics)."""
        mapped = self.legacy.get(f"{type_code}/{subtype or ''}")
        if not mapped:
            return type_code, subtype
        new_type, _, new_subtype = mapped.partition("/")
        return new_type, new_subtype or None


@cache
def all_rule_sets() -> tuple[RuleSet, ...]:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    out = []
    for raw in data["ruleset"]:
        types = {
            t["code"]: ContractTypeRule(
                t["code"], t["zh"], t["applicant"], tuple(t["subtypes"]), tuple(t["checklist"])
            )
            for t in raw["types"]
        }
        out.append(
            RuleSet(
                code=raw["code"],
                effective=raw["effective"],
                title=raw["title"],
                types=types,
                combined_contracts=raw["combined_contracts"],
                task_book_accepted=raw["task_book_accepted"],
                import_by_buyer=raw["import_by_buyer"],
                legacy=dict(raw.get("legacy", {})),
            )
        )
    out.sort(key=lambda r: r.effective)
    return tuple(out)


def for_date(day: date | None) -> RuleSet:
    """The rule set in force on ``day`` (the latest one when no date is known yet)."""
    sets = all_rule_sets()
    if day is None:
        return sets[-1]
    chosen = sets[0]
    for rule_set in sets:
        if rule_set.effective <= day:
            chosen = rule_set
    return chosen


def by_code(code: str) -> RuleSet:
    for rule_set in all_rule_sets():
        if rule_set.code == code:
            return rule_set
    raise KeyError(code)


def latest() -> RuleSet:
    return all_rule_sets()[-1]
