"""Retention rules: for each type of record held about a child, what starts its clock (the child's
date of birth, or the closure of the CSE work) and for how many years it is kept.

The rules are configuration (the "retention" kind, docs/adr/0009) when published, else the defaults
below, which information governance should confirm against the council's retention schedule. A
child's record is due for disposal when every type of record held about them is past its period:
the latest due date wins, and the rule that gives it is the one the certificate names."""

import dataclasses
import datetime as dt

from csepathway.core.configuration import configuration_current

DATE_OF_BIRTH, CLOSURE = "date_of_birth", "closure"
TRIGGERS = {DATE_OF_BIRTH: "the child's date of birth", CLOSURE: "the closure of the CSE work"}
KIND = "retention"


@dataclasses.dataclass(frozen=True)
class RecordType:
    code: str
    label: str
    # Every model whose rows are this type of record (app_label.model_name). The disposal walks
    # only these; tests/test_retention_coverage checks every model that reaches a child is listed.
    models: tuple[str, ...]


RECORD_TYPES = (
    RecordType("child", "The child's details, case notes and plan entries", (
        "children.child", "children.childalias", "children.planentry", "notes.casenote",
        "children.childrestriction", "children.restrictionreview", "children.restrictionliftdecline",
        "children.breakglassgrant",
        "retention.legalhold", "retention.disposalproposal")),
    RecordType("pathway", "Screenings, risk assessments and CSE team decisions", (
        "episodes.episode", "episodes.transition", "episodes.risklevelchange", "episodes.manageradvice",
        "episodes.conversation", "episodes.jointreview", "screening.screening", "assessments.assessment")),
    RecordType("mase", "MASE meetings: agenda items, minutes, actions and invitations", (
        "meetings.masemeeting", "meetings.agendaitem", "meetings.itemminutes", "meetings.invitee",
        "meetings.action", "meetings.agreedintervention")),
    RecordType("nrm", "National Referral Mechanism referrals", ("nrm.nrmreferral",)),
    RecordType("intelligence", "Intelligence reports to the police", (
        "intelligence.intelligencereport", "intelligence.reportperson", "intelligence.reportvehicle",
        "intelligence.reportphone", "intelligence.reportusername", "intelligence.reportplace",
        "intelligence.reportmoney", "intelligence.reportdescription")),
    RecordType("subject_access", "Subject access requests and their bundles", (
        "subject_access.subjectaccessrequest", "subject_access.bundleitem")),
)
BY_CODE = {record_type.code: record_type for record_type in RECORD_TYPES}
TYPE_OF_MODEL = {model: record_type.code for record_type in RECORD_TYPES for model in record_type.models}

# Children's social care records are commonly kept until the 25th birthday; reports to the police
# and subject access requests run from the end of the work instead.
DEFAULT_RULES = {
    "child": (DATE_OF_BIRTH, 25), "pathway": (DATE_OF_BIRTH, 25), "mase": (DATE_OF_BIRTH, 25),
    "nrm": (DATE_OF_BIRTH, 25), "intelligence": (CLOSURE, 6), "subject_access": (CLOSURE, 2),
}


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
    configured, version = {}, 0
    try:
        published = configuration_current(KIND)
    except IndexError:
        published = None
    if published is not None:
        version = published.version
        for entry in published.data.get("rules", []):
            if entry.get("record_type") in BY_CODE and entry.get("trigger") in TRIGGERS:
                configured[entry["record_type"]] = (entry["trigger"], int(entry["years"]))
    chosen = {**DEFAULT_RULES, **configured}
    return Rules(version, tuple(Rule(t, *chosen[t.code]) for t in RECORD_TYPES))


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
