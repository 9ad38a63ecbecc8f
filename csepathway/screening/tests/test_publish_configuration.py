"""A new version of the screening tool is published as data, without code, and new screenings use it."""

import json

import pytest
from django.core.management import CommandError, call_command

from csepathway.core.configuration import configuration_current
from csepathway.screening.forms import ScreeningForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def tool_v2_file(tmp_path):
    data = json.loads(json.dumps(configuration_current("screening_tool").data))
    data["significant_indicators"].append({"code": "new_phones", "label": "Several phones or SIM cards"})
    path = tmp_path / "tool-v2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_publish_configuration_adds_a_new_version_that_new_forms_use(tool_v2_file, capsys):
    v1 = configuration_current("screening_tool")
    call_command("publish_configuration", "screening_tool", str(tool_v2_file), "--title", "CSE screening tool v2")
    v2 = configuration_current("screening_tool")
    assert (v2.version, v2.title) == (v1.version + 1, "CSE screening tool v2") and v2.pk != v1.pk
    assert "Published" in capsys.readouterr().out
    assert "significant_new_phones" in ScreeningForm(tool=v2).fields
    assert "significant_new_phones" not in ScreeningForm(tool=v1).fields
    v1.refresh_from_db()
    assert v1.data["significant_indicators"][-1]["code"] != "new_phones"  # the old version is untouched


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "is not valid JSON"),
    ("[1, 2]", "must hold a JSON object"),
    ('{"significant_indicators": []}', "lacks what a screening_tool configuration needs"),
    ('{"significant_indicators": [{"label": "x"}], "other_indicators": [], "vulnerabilities": [], '
     '"time_windows": [], "outcomes": []}', "needs a code"),
])
def test_publish_configuration_refuses_a_file_that_would_break_the_pages(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    before = configuration_current("screening_tool").version
    with pytest.raises(CommandError, match=message):
        call_command("publish_configuration", "screening_tool", str(path), "--title", "Broken")
    assert configuration_current("screening_tool").version == before


def test_publish_configuration_needs_a_readable_file_and_a_title(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("publish_configuration", "screening_tool", str(tmp_path / "missing.json"), "--title", "x")
    with pytest.raises(CommandError):
        call_command("publish_configuration", "screening_tool", str(tmp_path / "missing.json"))
