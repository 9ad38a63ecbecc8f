"""Knowledge at hand (pathway step 10): the risk-level definitions and the practitioner self-check,
as configuration data, shown with the macros in core/knowledge.html."""

import pytest
from django.template import engines
from django.test import override_settings

from csepathway.core.configuration import configuration_current, configuration_publish
from csepathway.core.knowledge import knowledge_panels

pytestmark = pytest.mark.django_db

MACROS = ('{% from "core/knowledge.html" import risk_level_definitions, self_check %}'
          "{{ risk_level_definitions(knowledge) }}{{ self_check(knowledge) }}")


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_the_self_check_is_seeded_as_knowledge_configuration_with_seven_questions():
    knowledge = configuration_current("knowledge")
    assert knowledge.version == 1
    questions = knowledge.data["self_check"]["questions"]
    assert len(questions) == 7
    assert [q["code"] for q in questions] == ["screening_tool", "assessment", "workspace", "mase", "plan", "nrm",
                                              "fib"]


def test_the_presenter_gives_each_risk_level_from_the_current_configuration():
    levels = knowledge_panels()["risk_levels"]
    configured = configuration_current("risk_levels").data["levels"]
    assert [level["code"] for level in levels] == [level["code"] for level in configured]
    for shown, source in zip(levels, configured, strict=True):
        assert shown["long_label"] == source["long_label"]
        assert shown["meaning"] == source["meaning"]
        assert shown["review_weeks"] == source["review_weeks"]


@override_settings(PROCEDURE_LINKS={"safeguarding_procedures": "https://procedures.example.test/cse",
                                    "partnership": ""})
def test_links_come_from_settings_and_an_unconfigured_link_is_shown_as_plain_text():
    help_items = knowledge_panels()["self_check"]["help"]
    hrefs = {item["text"]: item["href"] for item in help_items}
    assert hrefs["read the West Midlands safeguarding children procedures"] == "https://procedures.example.test/cse"
    assert hrefs["visit the local safeguarding children partnership's website"] is None
    assert hrefs["talk to your Team Manager or the CSE team"] is None


def test_a_new_knowledge_version_changes_the_questions_without_code():
    configuration_publish(kind="knowledge", title="Knowledge v2", data={"self_check": {
        "title": "Check yourself", "questions": [{"code": "one", "text": "Do I know the local CSE lead?"}],
        "help": [{"text": "Local intranet", "href": "https://intranet.example.test/cse"}]}})
    check = knowledge_panels()["self_check"]
    assert check["title"] == "Check yourself"
    assert [q["text"] for q in check["questions"]] == ["Do I know the local CSE lead?"]
    assert check["help"] == [{"text": "Local intranet", "href": "https://intranet.example.test/cse"}]


def test_a_form_can_show_the_risk_levels_version_it_was_made_with():
    v1 = configuration_current("risk_levels")
    configuration_publish(kind="risk_levels", title="Risk levels v2", data={"levels": [
        {"code": "low", "label": "Vulnerable", "long_label": "Vulnerable", "meaning": "New words", "review_weeks": 8}]})
    assert knowledge_panels()["risk_levels"][0]["long_label"] == "Vulnerable"
    assert knowledge_panels(risk_levels=v1)["risk_levels"][0]["long_label"] == v1.data["levels"][0]["long_label"]


@override_settings(PROCEDURE_LINKS={"safeguarding_procedures": "https://procedures.example.test/cse",
                                    "partnership": "https://partnership.example.test/"})
def test_the_macros_render_collapsible_details_with_the_meanings_questions_and_links():
    html = render(MACROS, knowledge=knowledge_panels())
    assert html.count('<details class="govuk-details"') == 2
    assert 'data-knowledge="risk-levels"' in html and 'data-knowledge="self-check"' in html
    assert "What the risk levels mean" in html and "Questions to ask yourself" in html
    for level in configuration_current("risk_levels").data["levels"]:
        assert level["long_label"] in html
        assert f"Review at least every {level['review_weeks']} weeks." in html
    for question in configuration_current("knowledge").data["self_check"]["questions"]:
        assert question["text"].replace("'", "&#39;") in html
    assert 'href="https://procedures.example.test/cse"' in html
    assert 'href="https://partnership.example.test/"' in html


def test_the_macros_called_bare_show_the_current_knowledge_through_the_environment_global():
    html = render('{% from "core/knowledge.html" import risk_level_definitions, self_check %}'
                  "[{{ risk_level_definitions() }}{{ self_check() }}]")
    assert 'data-knowledge="risk-levels"' in html and 'data-knowledge="self-check"' in html


def test_content_from_configuration_is_escaped():
    configuration_publish(kind="knowledge", title="Knowledge v2", data={"self_check": {
        "questions": [{"code": "x", "text": "<script>alert(1)</script>"}], "help": []}})
    html = render(MACROS, knowledge=knowledge_panels())
    assert "<script>" not in html and "&lt;script&gt;" in html
