import datetime as dt

import pytest

from csepathway.children.models import Gender
from csepathway.children.tests.factories import ChildAliasFactory, ChildFactory
from csepathway.nrm import services as nrm_services

from .builders import episode_with_types

CHILD_FIRST, CHILD_LAST = "Rowan", "Testchild"


@pytest.fixture
def child(personas):
    child = ChildFactory(first_name=CHILD_FIRST, last_name=CHILD_LAST, allocated_team=personas.team,
                         date_of_birth=dt.date(2010, 6, 1), gender=Gender.BOY, first_language="Albanian")
    ChildAliasFactory(child=child, name="Ro")
    return child


@pytest.fixture
def episode(personas, child):
    return episode_with_types(personas, child, ["trafficking", "criminal"])


@pytest.fixture
def referral(personas, episode):
    return nrm_services.referral_start(actor=personas.practitioner, episode=episode)
