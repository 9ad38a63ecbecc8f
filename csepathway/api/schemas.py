"""What the API takes and gives. Reporting payloads are ids, dates, states, the risk level and the
decision's outcome: no free text from a case (ADR 0058)."""

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema

from csepathway.children.models import Gender

Text = Field(min_length=1, max_length=4000)


class FieldProblem(Schema):
    field: str
    message: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] | None = None


class ChildIn(Schema):
    reference: str = Field(min_length=1, max_length=40, description="The child's reference in the source system")
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    date_of_birth: dt.date
    gender: Literal[tuple(Gender.values)] = Gender.NOT_KNOWN  # type: ignore[valid-type]


class ScreeningIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)
    significant_indicators: dict[str, Literal["recent", "earlier"]] = Field(
        default_factory=dict, description="Indicator code: when it was seen (screening tool codes)")
    other_indicators: list[str] = Field(default_factory=list, max_length=50)
    vulnerabilities: list[str] = Field(default_factory=list, max_length=50)


class ReferralIn(Schema):
    referral_id: str = Field(min_length=1, max_length=80, description="The source system's id: sending it again "
                                                                          "returns the same episode")
    source: Literal["lcs", "ehm"]
    child: ChildIn
    practitioner_email: str = Field(min_length=3, max_length=254,
                                    description="The practitioner the episode is in the name of")
    team_manager_email: str = Field(min_length=3, max_length=254,
                                    description="Their Team Manager, who signed the assessment off")
    concern: str = Field(min_length=1, max_length=4000)
    screening: ScreeningIn
    proposed_risk_level: Literal["low", "medium", "high"]
    risk_rationale: str = Field(min_length=1, max_length=4000)


class ReferralOut(Schema):
    episode_id: uuid.UUID
    child_id: uuid.UUID
    state: str
    created: bool
    links: dict[str, str]


class AcknowledgementOut(Schema):
    note_id: uuid.UUID
    acknowledged_at: dt.datetime
    created: bool


class EpisodeOut(Schema):
    id: uuid.UUID
    child_id: uuid.UUID
    state: str
    risk_level: str | None
    source: str | None
    submitted_at: dt.datetime | None
    decision_due_on: dt.date | None
    decided_at: dt.datetime | None
    closed_at: dt.datetime | None
    closure_reason: str | None
    links: dict[str, str]


class EpisodePage(Schema):
    items: list[EpisodeOut]
    page: int
    next_page: int | None


class DecisionOut(Schema):
    episode_id: uuid.UUID
    decided: bool
    decided_at: dt.datetime | None
    outcome: Literal["mase_required", "mase_not_required"] | None
    escalated: bool
    risk_level: str | None
    initial_mase_due_on: dt.date | None


class MeetingOut(Schema):
    id: uuid.UUID
    kind: str
    state: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    minutes_published_at: dt.datetime | None
    episode_ids: list[uuid.UUID]
    links: dict[str, str]


class MeetingPage(Schema):
    items: list[MeetingOut]
    page: int
    next_page: int | None


class ChildOut(Schema):
    id: uuid.UUID
    lcs_reference: str | None
    ehm_reference: str | None
    links: dict[str, str]


class ChildList(Schema):
    items: list[ChildOut]
