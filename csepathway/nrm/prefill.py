"""What a new referral starts with, so nothing already known is typed twice: the child's details from
their record, what happened and the exploitation types from the episode's risk assessment, and the
first responder from the person starting it. Every prefilled answer is a draft the practitioner
checks; no section is marked done for them."""

import datetime as dt

from csepathway.children.models import Gender

from .forms import NOT_KNOWN

SEX_FROM_GENDER = {Gender.GIRL: "female", Gender.BOY: "male", Gender.NON_BINARY: "other", Gender.OTHER: "other",
                   Gender.NOT_KNOWN: NOT_KNOWN}

# The assessment's exploitation types (assessments/defaults.py) as the online form's types. Trafficking
# is how a child is moved, not a type of exploitation on the form, and online or financial exploitation
# can be of several kinds: those leave the choice to the practitioner.
TYPES_FROM_ASSESSMENT = {"sexual": ["sexual"], "criminal": ["criminal"],
                         "sexual_and_criminal": ["sexual", "criminal"], "cuckooing": ["criminal"]}


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def child_answers(child, today: dt.date) -> dict:
    return {
        "full_name": child.full_name,
        "also_known_as": "\n".join(alias.name for alias in child.aliases.all()),
        "date_of_birth": child.date_of_birth.isoformat(),
        "age": _age(child.date_of_birth, today),
        "sex": SEX_FROM_GENDER.get(child.gender, NOT_KNOWN),
        "nationality": "",
        "languages": child.first_language,
        "interpreter": "",
        "interpreter_details": "",
    }


def _places(sections: dict) -> str:
    lines = []
    for entry in (sections.get("places") or {}).get("entries") or []:
        place, why = (entry.get("place") or "").strip(), (entry.get("description") or "").strip()
        if place:
            lines.append(f"{place}: {why}" if why else place)
    return "\n".join(lines)


def assessment_answers(episode) -> tuple[dict, dict]:
    """(what happened, exploitation) from the assessment, falling back on the episode's concern."""
    sections = (episode.assessment.sections or {}) if episode.assessment_id else {}
    exploitation = sections.get("exploitation") or {}
    analysis = (sections.get("analysis") or {}).get("analysis") or ""
    account = "\n\n".join(part.strip() for part in (episode.concern, exploitation.get("details") or "", analysis)
                          if part and part.strip())
    types: list[str] = []
    for code in exploitation.get("types") or []:
        types += [t for t in TYPES_FROM_ASSESSMENT.get(code, []) if t not in types]
    return ({"account": account, "where": "", "places": _places(sections), "when": ""},
            {"types": types, "details": (exploitation.get("details") or "").strip()})


def first_responder_answers(actor) -> dict:
    agency = actor.agency
    return {"organisation": agency.name if agency else "", "name": actor.get_full_name(),
            "job_title": actor.job_title or actor.get_role_display(), "email": actor.email or "", "phone": ""}


def initial_content(*, episode, actor, today: dt.date) -> dict:
    what_happened, exploitation = assessment_answers(episode)
    return {"child": child_answers(episode.child, today), "what_happened": what_happened,
            "exploitation": exploitation, "first_responder": first_responder_answers(actor)}
