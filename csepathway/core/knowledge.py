"""Knowledge at hand (pathway step 10): what the risk levels mean and the practitioner's self-check.

Both are configuration data read through csepathway.core.configuration: the risk levels are kind
"risk_levels", the self-check questions kind "knowledge" (seeded by core migration 0002). The links
to local procedures come from settings.PROCEDURE_LINKS, so a deployment points them at its own pages.
Templates show them with the macros in core/knowledge.html.
"""

from django.conf import settings

from .configuration import configuration_current
from .models import ConfigurationVersion

KNOWLEDGE_KIND = ConfigurationVersion.Kind.KNOWLEDGE
RISK_LEVELS_KIND = ConfigurationVersion.Kind.RISK_LEVELS


def _current(kind: str) -> ConfigurationVersion | None:
    try:
        return configuration_current(kind)
    except IndexError:  # nothing published yet: show nothing rather than fail the page
        return None


def risk_level_definitions(risk_levels: ConfigurationVersion | None = None) -> list[dict]:
    """Each level's label, long label, meaning and review interval in weeks. Pass the version a form
    was made with to show that one; otherwise the current version is used."""
    version = risk_levels or _current(RISK_LEVELS_KIND)
    if version is None:
        return []
    return [
        {
            "code": level.get("code", ""),
            "label": level.get("label", ""),
            "long_label": level.get("long_label") or level.get("label", ""),
            "meaning": level.get("meaning", ""),
            "review_weeks": level.get("review_weeks"),
        }
        for level in version.data.get("levels", [])
    ]


def _help_item(item: dict, links: dict) -> dict:
    # "href" in the data wins; otherwise "link" names an entry of settings.PROCEDURE_LINKS. A link the
    # deployment has not configured is shown as plain text rather than as a broken link.
    href = item.get("href") or links.get(item.get("link", ""), "")
    return {"text": item.get("text", ""), "href": href or None}


def self_check(knowledge: ConfigurationVersion | None = None) -> dict | None:
    """The questions to ask yourself, and where to turn when the answer is no."""
    version = knowledge or _current(KNOWLEDGE_KIND)
    if version is None:
        return None
    data = version.data.get("self_check") or {}
    links = getattr(settings, "PROCEDURE_LINKS", {}) or {}
    return {
        "title": data.get("title", "Questions to ask yourself"),
        "intro": data.get("intro", ""),
        "questions": [{"code": q.get("code", ""), "text": q.get("text", "")} for q in data.get("questions", [])],
        "help_intro": data.get("help_intro", ""),
        "help": [_help_item(item, links) for item in data.get("help", [])],
    }


def knowledge_panels(*, risk_levels: ConfigurationVersion | None = None) -> dict:
    """Everything the knowledge macros show: pass the result as `knowledge` to the template."""
    return {"risk_levels": risk_level_definitions(risk_levels), "self_check": self_check()}
