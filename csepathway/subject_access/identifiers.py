"""Subject access without leaks (issue 13, point 11): the identifiers a withheld item holds (people's
names, vehicle registrations, phone numbers, addresses and postcodes, online handles) are looked for
everywhere else in the bundle, and each place they appear is offered for redaction. Offered, never
applied by itself: the reviewer decides, as the exemption is theirs to give.

Found by their shape in the snapshot's text, so a name is found as written; the snapshot lines are
"Label: value", and what follows a label that names a person, a place or a contact is taken whole."""

import re

from csepathway.intelligence.validators import display_registration, registrations_in

from .models import BundleItem

# Labels whose value is an identifier in itself, as the apps write their snapshots.
_IDENTIFYING_LABELS = re.compile(
    r"^(?:name|full name|nickname(?: or street name)?|other names|person \d+|phone(?: number)?|vehicle|registration|"
    r"online name or handle|username|address(?: or place)?|name or address of the place|place|"
    r"subject|who|people|who took part)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ '-][A-Z][a-z]+)+\b")
_PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)(?:\d\s?){9,10}(?!\d)")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_]{2,30}(?:\.[A-Za-z0-9_]+)*")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}\b")
# Capitalised words that start the apps' own labels and sentences, not anyone's name.
_NOT_NAMES = {"Significant Indicators", "Other Indicators", "Risk Level", "Team Manager", "Police Cse Coordinator",
              "Cse Team Manager", "Cse Team", "Mase Chair"}


def identifiers_in(text: str) -> list[str]:
    """The identifiers in a snapshot's text, each once, longest first."""
    found: set[str] = set()
    for match in _IDENTIFYING_LABELS.finditer(text or ""):
        for part in re.split(r"[;,]\s*|\n", match.group(1)):
            if len(part.strip()) >= 3:
                found.add(part.strip())
    found |= {name for name in _NAME.findall(text or "") if name.title() not in _NOT_NAMES}
    found |= {" ".join(phone.split()) for phone in _PHONE.findall(text or "")}
    found |= set(_HANDLE.findall(text or "")) | set(_POSTCODE.findall(text or ""))
    for registration in registrations_in(text or ""):
        found |= {registration, display_registration(registration)}
    return sorted(found, key=lambda value: (-len(value), value))


def _appears(phrase: str, text: str) -> bool:
    return phrase.lower() in text.lower()


def offered_redactions(items: list[BundleItem]) -> list[dict]:
    """For each item still to be released (in full or redacted), the identifiers of the withheld
    items that appear in it and are not already redacted there: [{item, phrases}], in bundle order."""
    withheld = [item for item in items if item.decision == BundleItem.Decision.WITHHOLD]
    if not withheld:
        return []
    sought = sorted({phrase for item in withheld for phrase in identifiers_in(f"{item.title}\n{item.text}")},
                    key=lambda value: (-len(value), value))
    offers = []
    for item in items:
        if item.decision == BundleItem.Decision.WITHHOLD:
            continue
        already = {phrase.lower() for phrase in item.redactions or []}
        text = f"{item.title}\n{item.text}"
        phrases = [phrase for phrase in sought if phrase.lower() not in already and _appears(phrase, text)]
        if phrases:
            offers.append({"item": item, "phrases": phrases})
    return offers
