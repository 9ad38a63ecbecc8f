"""The sections of the NWG-style risk assessment (shared/domain/REFERENCE.md), in the order the task
list shows them. Each section's answers are stored under its code in `Assessment.sections`.

The section codes are stable: the service, the forms, the presenters and the tests all use them."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Section:
    code: str
    title: str
    group: str
    hint: str = ""


ABOUT = "About the child"
WHAT_IS_HAPPENING = "What is happening"
DECISION = "Your analysis and proposed risk level"
GROUPS = (ABOUT, WHAT_IS_HAPPENING, DECISION)

SECTIONS: tuple[Section, ...] = (
    Section("child_details", "Child's details and current plan", ABOUT,
            "From the child's record, with the agencies involved"),
    Section("reason", "Reason for assessment", ABOUT),
    Section("child_voice", "The child's voice", ABOUT),
    Section("parents_views", "Parents' or carers' views", ABOUT),
    Section("vulnerabilities", "Vulnerabilities", WHAT_IS_HAPPENING),
    Section("indicators", "Indicators with evidence", WHAT_IS_HAPPENING),
    Section("missing_episodes", "Missing episodes", WHAT_IS_HAPPENING),
    Section("associates", "Associates and persons of concern", WHAT_IS_HAPPENING),
    Section("places", "Places of concern", WHAT_IS_HAPPENING),
    Section("exploitation", "Exploitation type and model", WHAT_IS_HAPPENING),
    Section("strengths", "Strengths and protective factors", WHAT_IS_HAPPENING),
    Section("analysis", "Analysis", DECISION),
    Section("risk_level", "Proposed risk level and rationale", DECISION),
    Section("completion", "Completed with the child and parents or carers", DECISION),
    Section("sign_off", "Practitioner's sign-off", DECISION),
)

SECTION_CODES = frozenset(section.code for section in SECTIONS)
BY_CODE = {section.code: section for section in SECTIONS}


def section_get(code: str) -> Section | None:
    return BY_CODE.get(code)
