"""The OpenAPI 3.1 document is served, and the committed docs/openapi.json is what the code makes
(regenerate with `make openapi`, i.e. `manage.py api_openapi`)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from csepathway.api.management.commands.api_openapi import DOCUMENT, openapi_text

pytestmark = pytest.mark.django_db


def test_the_document_is_served_as_openapi_3_1(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert served.json()["openapi"].startswith("3.1")
    assert served.json()["paths"] == json.loads(openapi_text())["paths"]


def test_the_committed_document_is_what_the_code_generates():
    assert DOCUMENT.read_text() == openapi_text(), "docs/openapi.json is out of date: run `make openapi`"
    call_command("api_openapi", "--check")


def test_errors_are_documented_as_problem_json():
    document = json.loads(openapi_text())
    responses = document["paths"]["/api/v1/episodes/{episode_id}"]["get"]["responses"]
    assert list(responses["404"]["content"]) == ["application/problem+json"]


def test_the_check_fails_when_the_document_differs(monkeypatch):
    from csepathway.api.management.commands import api_openapi

    monkeypatch.setattr(api_openapi, "openapi_text", lambda: "{}\n")
    with pytest.raises(CommandError):
        call_command("api_openapi", "--check")
