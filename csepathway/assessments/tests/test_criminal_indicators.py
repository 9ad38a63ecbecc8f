"""A version 2 screening's criminal-exploitation indicators reach the assessment's decision support
as significant indicators, each with its time window and in the words of the tool (docs/adr/0063)."""

import pytest

from csepathway.assessments import decision_support
from csepathway.assessments.services import assessment_start
from csepathway.screening.models import Screening

from .conftest import at_risk_episode

pytestmark = pytest.mark.django_db


def test_criminal_indicators_count_as_significant_with_their_windows(personas, child):
    episode = at_risk_episode(personas.practitioner, child, significant={"cars": "recent"}, other=("out_late",))
    Screening.objects.filter(pk=episode.screening_id).update(
        criminal_indicators={"drug_debts": "recent", "hotel_keys": "earlier"})
    episode.screening.refresh_from_db()
    assessment = assessment_start(actor=personas.practitioner, child=child, screening=episode.screening)

    indicators = decision_support.screened_indicators(assessment)
    assert [(i.label, i.significant, i.window) for i in indicators] == [
        ("Getting into or out of cars driven by adults they do not know", True, "recent"),
        ("Hotel keys or receipts", True, "earlier"),
        ("Drug debts, or owing money to others", True, "recent"),
        ("Staying out late", False, ""),
    ]
    summary = decision_support.indicator_summary(assessment)
    assert (summary.significant_recent, summary.significant_earlier, summary.other) == (2, 1, 1)
