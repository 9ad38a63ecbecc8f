"""What the council holds about a child, in one list.

Each app that keeps something about a child says so at start-up, in its AppConfig.ready(): which of
its models hold it, under which retention rule it is kept, how it shows in the child's chronology and
how it is copied into a subject access bundle. The chronology (casefile), subject access and
retention all read this list, so they cannot disagree about what is held, and an app added later is
in all three or in none (docs/adr/0032). It lives here, in the lowest app that knows a child, so
every app above can fill it without this one knowing them.

A model is claimed by one app only. A model whose rows are told inside another model's snapshot (a
conversation inside its episode) says so in `folded`, so nobody mistakes it for one left out."""

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping

from django.utils import timezone

from csepathway.core.formatting import govuk_date, govuk_datetime

# What starts a record type's retention clock.
DATE_OF_BIRTH, CLOSURE = "date_of_birth", "closure"


@dataclasses.dataclass(frozen=True)
class RecordType:
    """A type of record under one retention rule: `default_rule` is (trigger, years), kept until a
    published "retention" configuration says otherwise."""

    code: str
    label: str
    default_rule: tuple[str, int]


@dataclasses.dataclass(frozen=True)
class ChronologyEvent:
    """One line of the chronology. `at` places it in time; `timed` is False for what was recorded
    with a day and no time (advice given on, a conversation held on), so no page shows a time that
    was never given. `source` is the kind of event the chronology filters by."""

    at: dt.datetime
    title: str
    detail: str
    href: str
    source: str
    timed: bool = True


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """One record as it reads in a subject access bundle. `kind` is one of the bundle's item kinds
    (subject_access.models.BundleItem.Kind), named here as text so the apps below need not know it."""

    kind: str
    source: object
    title: str
    recorded_at: dt.datetime | None
    text: str


# (actor, child) -> the events the actor may see; (child) -> every snapshot, unscoped (ADR 0023).
ChronologyProvider = Callable[[object, object], list[ChronologyEvent]]
SnapshotProvider = Callable[[object], list[Snapshot]]


@dataclasses.dataclass(frozen=True)
class RecordsHeld:
    """One app's records about a child. `models` are app_label.model_name; `folded` maps a claimed
    model to the claimed model whose snapshot tells its rows."""

    app: str
    record_type: str
    models: tuple[str, ...]
    chronology: ChronologyProvider | None = None
    subject_access: SnapshotProvider | None = None
    folded: Mapping[str, str] = dataclasses.field(default_factory=dict)


class RecordsHeldRegistry:
    def __init__(self):
        self._types: dict[str, RecordType] = {}
        self._held: dict[str, RecordsHeld] = {}

    def register_record_type(self, record_type: RecordType) -> None:
        trigger, years = record_type.default_rule
        if trigger not in (DATE_OF_BIRTH, CLOSURE) or not isinstance(years, int) or years < 1:
            raise ValueError(f"Record type {record_type.code!r} needs a rule of (date_of_birth or closure, years)")
        if self._types.get(record_type.code, record_type) != record_type:
            raise ValueError(f"Record type {record_type.code!r} is already registered differently")
        self._types[record_type.code] = record_type

    def register(self, records: RecordsHeld) -> None:
        if self._held.get(records.app, records) != records:
            raise ValueError(f"{records.app} has already registered what it holds about a child")
        for model in records.models:
            owner = self.claimed().get(model)
            if owner is not None and owner.app != records.app:
                raise ValueError(f"{model} is already claimed by {owner.app}")
        if len(set(records.models)) != len(records.models):
            raise ValueError(f"{records.app} claims a model twice")
        for model, into in records.folded.items():
            if model not in records.models or into not in records.models or model == into:
                raise ValueError(f"{records.app} folds {model} into {into}: both must be its own, and different")
        if records.folded and records.subject_access is None:
            raise ValueError(f"{records.app} folds records into snapshots it does not make")
        self._held[records.app] = records

    def record_types(self) -> tuple[RecordType, ...]:
        """In the order they were registered: the apps' order, lowest first."""
        return tuple(self._types.values())

    def all(self) -> tuple[RecordsHeld, ...]:
        return tuple(self._held.values())

    def claimed(self) -> dict[str, RecordsHeld]:
        return {model: records for records in self._held.values() for model in records.models}

    def folded(self) -> dict[str, str]:
        return {model: into for records in self._held.values() for model, into in records.folded.items()}

    def type_of_model(self) -> dict[str, str]:
        """{model: record type code}. A record type nobody registered is a mistake in an app's
        registration, found here rather than by a disposal that counts its rows under no rule."""
        unknown = {records.record_type for records in self._held.values()} - set(self._types)
        if unknown:
            raise LookupError(f"No app registers the record types {sorted(unknown)}")
        return {model: records.record_type for records in self._held.values() for model in records.models}

    def chronology_providers(self) -> list[ChronologyProvider]:
        return [records.chronology for records in self._held.values() if records.chronology is not None]

    def subject_access_providers(self) -> list[SnapshotProvider]:
        return [records.subject_access for records in self._held.values() if records.subject_access is not None]


_registry = RecordsHeldRegistry()
register_record_type = _registry.register_record_type
register = _registry.register
record_types = _registry.record_types
all_records_held = _registry.all
claimed = _registry.claimed
folded = _registry.folded
type_of_model = _registry.type_of_model
chronology_providers = _registry.chronology_providers
subject_access_providers = _registry.subject_access_providers


# Helpers for the providers, so every app writes its events and snapshots the same way.

def start_of_day(value: dt.date | dt.datetime) -> dt.datetime:
    """A day without a time (advice given on, a decision date) sorts at the start of that day."""
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


def on_day(day: dt.date, recorded_at: dt.datetime | None) -> dt.datetime:
    """Where an event known only by its day stands within that day: at the moment it was recorded,
    when it was recorded that same day (so a conversation written up at 3pm follows the screening
    done at 11am), else at the start of the day."""
    if recorded_at is not None and timezone.localtime(recorded_at).date() == day:
        return recorded_at
    return start_of_day(day)


def lines(*pairs: tuple[str, object]) -> str:
    """'Label: value' lines in plain words, leaving out what was never filled in; dates and times
    as GOV.UK writes them."""
    out = []
    for label, value in pairs:
        if value in (None, "", [], {}):
            continue
        if isinstance(value, dt.datetime):
            value = govuk_datetime(value)
        elif isinstance(value, dt.date):
            value = govuk_date(value)
        out.append(f"{label}: {value}")
    return "\n".join(out)


def paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)
