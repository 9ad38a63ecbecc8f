"""Shared test set-up: the personas every view is tested with (as healthchecks' tests do)."""

import dataclasses
import importlib
import sys

import pytest
from django.apps import apps as django_apps

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import AgencyFactory, TeamFactory, UserFactory

# The real SMTP server fixture (smtp_server), for every app's tests.
pytest_plugins = ["csepathway.outbox.tests.smtp"]


@dataclasses.dataclass
class Personas:
    """Two practitioners in one team, one in another, a team manager, and one of each other role."""

    practitioner: object
    same_team_practitioner: object
    outsider: object
    team_manager: object
    other_team_manager: object
    cse_worker: object
    cse_manager: object
    police_coordinator: object
    mase_chair: object
    auditor: object
    system_admin: object

    @property
    def team(self):
        return self.practitioner.team


@pytest.fixture
def personas(db) -> Personas:
    council = AgencyFactory(name="Testshire Council Children's Services")
    police = AgencyFactory(name="Testshire Police", kind="police")
    north = TeamFactory(name="North Locality Team", agency=council)
    south = TeamFactory(name="South Locality Team", agency=council)
    cse_team = TeamFactory(name="CSE Team", agency=council, is_cse_team=True)
    police_team = TeamFactory(name="Police CSE Unit", agency=police)
    governance = TeamFactory(name="Information Governance", agency=council)

    def user(username, role, team):
        return UserFactory(username=username, role=role, team=team, first_name=username.split(".")[0].title())

    return Personas(
        practitioner=user("pat.practitioner", Role.PRACTITIONER, north),
        same_team_practitioner=user("sam.sameteam", Role.PRACTITIONER, north),
        outsider=user("oscar.outsider", Role.PRACTITIONER, south),
        team_manager=user("tess.manager", Role.TEAM_MANAGER, north),
        other_team_manager=user("otto.manager", Role.TEAM_MANAGER, south),
        cse_worker=user("cass.worker", Role.CSE_WORKER, cse_team),
        cse_manager=user("cara.csemanager", Role.CSE_MANAGER, cse_team),
        police_coordinator=user("paul.police", Role.POLICE_COORDINATOR, police_team),
        mase_chair=user("chris.chair", Role.MASE_CHAIR, cse_team),
        auditor=user("ava.auditor", Role.AUDITOR, governance),
        system_admin=user("sid.admin", Role.SYSTEM_ADMIN, governance),
    )


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user (bypasses the sign-in form; see the accounts
    tests for the real form, lock-out and two factors)."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def stepped_up_client_for(client_for):
    """A signed-in client that has just confirmed it is them (step-up), for tests of what lies behind
    the step-up; the step-up page itself is tested through its form in accounts/tests/test_step_up.py."""

    def sign_in(user):
        from csepathway.accounts.step_up import TOTP, step_up_mark

        client = client_for(user)
        request = type("Request", (), {"session": client.session})()
        step_up_mark(request, TOTP)
        request.session.save()
        return client

    return sign_in


# Migrations seed the configuration (knowledge, screening tool versions 1 and 2, risk levels,
# assessment), in the order they run. A migration that publishes configuration belongs here too, or a
# test after a flush runs on an older version than a migrated database has (version 2 of the screening
# tool was missing here, so tests after a browser test quietly screened with version 1).
SEEDING_MIGRATIONS = (("csepathway.core.migrations.0002_knowledge_v1", "publish_v1"),
                      ("csepathway.screening.migrations.0002_screening_tool_v1", "publish_v1"),
                      ("csepathway.assessments.migrations.0003_configuration_v1", "publish_v1"),
                      ("csepathway.screening.migrations.0005_screening_tool_v2", "publish_v2"))


def seed_configuration() -> None:
    for name, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(name), function)(django_apps, None)


@pytest.fixture(autouse=True)
def _configuration_after_flush(request):
    """A transactional test (the browser tests' live server) empties every table when it ends, the
    migrations' seeded configuration included; put it back for the tests that come after."""
    marker = request.node.get_closest_marker("django_db")
    marked_transactional = marker is not None and (
        marker.kwargs.get("transaction") or (len(marker.args) > 0 and marker.args[0]))
    if marked_transactional or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        seed_configuration()


# A test run that executes no test must fail (issue 2), and a run where every selected test was
# skipped executed none: on the wrong database, or with a marker that skips everything, it would
# otherwise pass while proving nothing. pytest itself fails only when nothing was collected.
NO_TEST_EXECUTED = "No test passed or failed in this run, so it proves nothing: failing it."


class _NoTestExecutedFails:
    def __init__(self):
        self.executed = 0
        self.refused = False

    def pytest_runtest_logreport(self, report):
        # A test executed when its body ran: it passed or failed (an expected failure ran too).
        # A failure in set-up or tear-down already makes pytest's exit status non-zero.
        if report.when == "call" and (report.passed or report.failed or hasattr(report, "wasxfail")):
            self.executed += 1

    def pytest_sessionfinish(self, session, exitstatus):
        option = session.config.option
        if option.collectonly or getattr(option, "showfixtures", False) or getattr(
                option, "show_fixtures_per_test", False):
            return  # listing the tests or the fixtures runs none by design
        if self.executed:
            return
        self.refused = True
        if exitstatus == pytest.ExitCode.OK:  # keep pytest's own failing codes (5: none collected, ...)
            session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED
        if session.config.pluginmanager.get_plugin("terminalreporter") is None:
            print(NO_TEST_EXECUTED, file=sys.stderr)

    def pytest_terminal_summary(self, terminalreporter):
        if self.refused:
            terminalreporter.write_sep("=", NO_TEST_EXECUTED, red=True, bold=True)


def pytest_configure(config):
    config.pluginmanager.register(_NoTestExecutedFails(), "csepathway-no-test-executed-fails")
