"""The exemptions a reviewer may give for withholding or redacting. A deployment can replace the list
with SUBJECT_ACCESS_EXEMPTIONS in its settings (code, label pairs): the codes are stored on the items,
so a code once used should stay in the list."""

from django.conf import settings

OTHER = "other"

DEFAULT_EXEMPTIONS: tuple[tuple[str, str], ...] = (
    ("third_party", "Third-party information"),
    ("crime", "Crime and taxation (prevention or detection of crime)"),
    ("serious_harm", "Serious harm"),
    ("legal_privilege", "Legal professional privilege"),
    (OTHER, "Other"),
)


def exemption_choices() -> list[tuple[str, str]]:
    choices = list(getattr(settings, "SUBJECT_ACCESS_EXEMPTIONS", DEFAULT_EXEMPTIONS))
    # "Other, with its reason typed" is always offered: no list foresees every case.
    if OTHER not in dict(choices):
        choices.append((OTHER, "Other"))
    return choices


def exemption_label(code: str, detail: str = "") -> str:
    if code == OTHER:
        return f"Other: {detail}" if detail else "Other"
    return dict(exemption_choices()).get(code, code)
