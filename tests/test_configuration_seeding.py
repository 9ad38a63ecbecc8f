"""After a transactional test empties the database, conftest puts back the configuration the
migrations publish. Every migration that publishes configuration must be on its list, or the tests
after a browser test run on an older version than a migrated database holds."""

import importlib
import pathlib

import pytest

import conftest
from csepathway.core.configuration import configuration_current
from csepathway.screening.defaults import SCREENING_TOOL_V2

ROOT = pathlib.Path(__file__).resolve().parent.parent


def publishing_migrations() -> set[str]:
    found = set()
    for path in (ROOT / "csepathway").rglob("migrations/0*.py"):
        source = path.read_text()
        if '"ConfigurationVersion"' in source and ".create(" in source:
            found.add(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


def test_every_migration_that_publishes_configuration_is_reseeded_after_a_flush():
    seeded = {name for name, _function in conftest.SEEDING_MIGRATIONS}
    assert publishing_migrations() - seeded == set()
    for name, function in conftest.SEEDING_MIGRATIONS:
        assert callable(getattr(importlib.import_module(name), function))


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_screening_tool_a_migrated_database_has():
    assert configuration_current("screening_tool").data == SCREENING_TOOL_V2
