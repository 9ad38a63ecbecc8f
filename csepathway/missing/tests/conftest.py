import datetime as dt
import zoneinfo

import pytest

from csepathway.children.tests.factories import ChildFactory
from csepathway.missing import services

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


@pytest.fixture
def child(personas):
    """Allocated to the practitioner in the North team: the case holder."""
    return ChildFactory(first_name="Robin", last_name="Testmissing", allocated_team=personas.team,
                        allocated_worker=personas.practitioner)


@pytest.fixture
def record_missing(personas):
    """Record an episode for a child as the practitioner: record_missing(child, start, returned=None)."""

    def record(child, started_at, returned_at=None, *, actor=None, now=None):
        data = {"missing_from": "care", "started_at": started_at, "reported_by": "Residential home manager (test)",
                "police_reference": "PR/TEST/1"}
        if returned_at is not None:
            data |= {"returned_at": returned_at, "where_found": "A friend's house (test)"}
        return services.missing_episode_record(actor=actor or personas.practitioner, child=child, data=data,
                                               now=now or max(started_at, returned_at or started_at)
                                               + dt.timedelta(minutes=1))

    return record
