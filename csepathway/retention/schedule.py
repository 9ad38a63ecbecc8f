"""Retention rules: for each type of record held about a child, what starts its clock (the child's
date of birth, or the closure of the CSE work) and for how many years it is kept.

The record types, the models each covers and their default rules are what the apps register as
holding about a child (children/records_held.py, ADR 0032); the defaults there should be confirmed by
information governance against the council's retention schedule. A published configuration (the
"retention" kind, docs/adr/0009) replaces them type by type. A child's record is due for disposal
when every type of record held about them is past its period: the latest due date wins, and the
rule that gives it is the one the certificate names."""

import dataclasses
import datetime as dt

from csepathway.children import records_held
from csepathway.children.records_held import CLOSURE, DATE_OF_BIRTH, RecordType
from csepathway.core.configuration import configuration_current

TRIGGERS = {DATE_OF_BIRTH: "the child's date of birth", CLOSURE: "the closure of the CSE work"}
KIND = "retention"


# Each read goes to the registry, never a copy made at import: the apps fill it when they are ready.
def record_types() -> tuple[RecordType, ...]:
    """In the order of the apps that registered them, lowest first: the order of the rules page and
    of the certificate."""
    return records_held.record_types()


def by_code() -> dict[str, RecordType]:
    return {record_type.code: record_type for record_type in record_types()}


def type_of_model() -> dict[str, str]:
    """{app_label.model_name: record type code} for every model that holds something about a child."""
    return records_held.type_of_model()


def default_rules() -> dict[str, tuple[str, int]]:
    return {record_type.code: record_type.default_rule for record_type in record_types()}


@dataclasses.dataclass(frozen=True)
class Rule:
    record_type: RecordType
    trigger: str
    years: int

    @property
    def text(self) -> str:
        return f"{self.record_type.label}: {self.years} years from {TRIGGERS[self.trigger]}"


@dataclasses.dataclass(frozen=True)
class Rules:
    version: int  # 0: the defaults, nothing published yet
    rules: tuple[Rule, ...]

    def for_type(self, code: str) -> Rule:
        return next(rule for rule in self.rules if rule.record_type.code == code)


def current_rules() -> Rules:
    configured, version, known = {}, 0, by_code()
    try:
        published = configuration_current(KIND)
    except IndexError:
        published = None
    if published is not None:
        version = published.version
        for entry in published.data.get("rules", []):
            if entry.get("record_type") in known and entry.get("trigger") in TRIGGERS:
                configured[entry["record_type"]] = (entry["trigger"], int(entry["years"]))
    chosen = {**default_rules(), **configured}
    return Rules(version, tuple(Rule(t, *chosen[t.code]) for t in known.values()))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


@dataclasses.dataclass(frozen=True)
class Facts:
    """What the rules need to know about one child, gathered by the selectors in a fixed number of
    queries for any number of children."""

    date_of_birth: dt.date
    types_held: frozenset[str]
    open_work: bool          # an episode not yet closed: the closure clock has not started
    closed_on: dt.date | None  # when the last episode closed, or the record last changed if none
    # A record type whose own work ends later than the CSE work (a subject access request released
    # years after closure) counts its closure from then: {record type code: date}.
    own_closure: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class TypeDue:
    rule: Rule
    starts_on: dt.date | None
    due_on: dt.date | None


@dataclasses.dataclass(frozen=True)
class Due:
    lines: tuple[TypeDue, ...]
    due_on: dt.date | None  # None while any clock has not started
    governing: Rule | None

    def is_due(self, today: dt.date) -> bool:
        return self.due_on is not None and self.due_on <= today


def due_for(facts: Facts, rules: Rules) -> Due:
    lines = []
    closure = None if facts.open_work else facts.closed_on
    for rule in rules.rules:
        if rule.record_type.code not in facts.types_held:
            continue
        if rule.trigger == DATE_OF_BIRTH:
            starts = facts.date_of_birth
        else:
            own = facts.own_closure.get(rule.record_type.code)
            starts = max(closure, own) if closure and own else closure
        lines.append(TypeDue(rule, starts, add_years(starts, rule.years) if starts else None))
    if any(line.due_on is None for line in lines):
        return Due(tuple(lines), None, None)
    latest = max(lines, key=lambda line: line.due_on)
    return Due(tuple(lines), latest.due_on, latest.rule)
