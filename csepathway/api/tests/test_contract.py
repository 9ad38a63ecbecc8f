"""The API against its own OpenAPI document, with schemathesis (issue 14, point 3): generated
requests, authenticated with a real token of a system that has data in scope, must never get a
server error, and every response (problems included) must match the document. Derandomized and
limited so it runs in seconds as part of `make test`."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from csepathway.episodes import scenarios

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's WSGI handler closes the database connection at the end of each request; the test
    client stops that (the test's transaction lives on that connection), and so must we here, or
    PostgreSQL loses the test's data after the first request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(personas, child, north_system):
    scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                      police=personas.police_coordinator, mase_required=True)
    return north_system


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_every_endpoint_keeps_to_its_document(case, world):
    # identity: the WSGI transport does not undo the gzip that the service applies to larger responses.
    case.call_and_validate(headers={"Authorization": f"Bearer {world.token}", "Accept-Encoding": "identity"},
                           checks=CHECKS)
