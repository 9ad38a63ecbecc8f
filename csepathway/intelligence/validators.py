"""Checks and normal forms for what a partner information report names: people, vehicle
registrations, phone numbers and online handles. The normal forms are what the register matches on,
so "ab12 cde" and "AB12CDE" are one vehicle and "Jo  Bloggs" and "jo bloggs" one name."""

import re
import unicodedata

from django.core.exceptions import ValidationError

INITIALS_MESSAGE = "Give full names, not initials: the police cannot search on initials"
SURNAME_MESSAGE = "Give the person's full name, with their first name and last name"

# One letter, with or without a full stop ("J", "J."), or letters joined by full stops ("J.S.").
# "Jo" and "St." are names, not initials.
_INITIAL = re.compile(r"^[^\W\d_](?:\.[^\W\d_])*\.?$")


def name_parts(full_name: str) -> list[str]:
    return full_name.replace(",", " ").split()


def _is_initial(part: str) -> bool:
    return _INITIAL.match(part) is not None


def validate_full_name(full_name: str) -> None:
    """A full name is at least a first and a last name, neither an initial. Police systems search on
    full names and dates of birth; "J Smith" or "J.S." cannot be searched and would be sent back."""
    parts = name_parts(full_name)
    if parts and all(_is_initial(part) for part in parts):
        raise ValidationError(INITIALS_MESSAGE, code="initials")
    if len(parts) < 2:
        raise ValidationError(SURNAME_MESSAGE, code="one_name")
    if _is_initial(parts[0]) or _is_initial(parts[-1]):
        raise ValidationError(INITIALS_MESSAGE, code="initials")


SUBJECT_INITIALS_MESSAGE = ("Give the person's full name, not initials: the police cannot search on initials. "
                            "For a vehicle or a place, describe it")


def validate_subject(subject: str) -> None:
    """A report's subject is a person, a vehicle or a place, so only what reads as a person named by
    initials is refused: "J.S.", "J Smith", "J. A. Smith", "Smith, J". "Block B" and "AB12 CDE" stay."""
    parts = name_parts(subject)
    if not parts:
        return
    if all(_is_initial(part) for part in parts):
        raise ValidationError(SUBJECT_INITIALS_MESSAGE, code="initials")
    # A name is capitalised throughout; "A white Ford Focus" is a description that starts with "A".
    surname = parts[-1].replace("-", "").replace("'", "")
    reads_as_name = len(parts) <= 4 and all(part[:1].isupper() for part in parts) and surname.isalpha()
    first_is_initial = _is_initial(parts[0]) and reads_as_name
    surname_then_initial = "," in subject and len(parts) <= 3 and _is_initial(parts[-1])
    if first_is_initial or surname_then_initial:
        raise ValidationError(SUBJECT_INITIALS_MESSAGE, code="initials")


def name_key(full_name: str) -> str:
    """Lower case, accents and punctuation dropped, single spaces: the name as the register matches it."""
    decomposed = unicodedata.normalize("NFKD", full_name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[^\w\s]", "", plain.casefold().replace("-", " "))
    return " ".join(plain.split())


# UK registrations, as written without spaces. Current (since 2001): two letters, two digits, three
# letters. Prefix (1983-2001): a letter, one to three digits, three letters. Suffix (1963-1983): three
# letters, one to three digits, a letter. Dateless and Northern Irish marks: one to three letters and
# one to four digits, either way round. Personalised plates are re-issued marks in these formats.
REGISTRATION_FORMATS = (
    ("current", re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z]{3}$")),
    ("prefix", re.compile(r"^[A-Z][0-9]{1,3}[A-Z]{3}$")),
    ("suffix", re.compile(r"^[A-Z]{3}[0-9]{1,3}[A-Z]$")),
    ("dateless", re.compile(r"^[A-Z]{1,3}[0-9]{1,4}$")),
    ("dateless", re.compile(r"^[0-9]{1,4}[A-Z]{1,3}$")),
)
REGISTRATION_MESSAGE = ("Enter a UK registration, for example AB12 CDE, A123 BCD, ABC 123D or a personalised "
                        "plate such as AB 1234")


def normalise_registration(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper()


def registration_format(value: str) -> str | None:
    normal = normalise_registration(value)
    if len(normal) > 7:
        return None
    for name, pattern in REGISTRATION_FORMATS:
        if pattern.match(normal):
            return name
    return None


def display_registration(value: str) -> str:
    """A registration as it is written on the plate, with its space ("AB12 CDE", "A123 BCD",
    "ABC 123D", "AB 1234"): stored without spaces so it matches, shown as people read it."""
    normal = normalise_registration(value)
    kind = registration_format(normal)
    if kind in ("current", "prefix"):
        return f"{normal[:-3]} {normal[-3:]}"
    if kind == "suffix":
        return f"{normal[:3]} {normal[3:]}"
    if kind == "dateless":
        split = re.match(r"^([A-Z]+|[0-9]+)(.*)$", normal)
        return f"{split.group(1)} {split.group(2)}"
    return value


def validate_registration(value: str) -> None:
    if registration_format(value) is None:
        raise ValidationError(REGISTRATION_MESSAGE, code="registration")


PHONE_MESSAGE = "Enter a UK phone number, for example 07700 900 982 or 01632 960 001"
_PHONE = re.compile(r"^0[1-9][0-9]{8,9}$")


def normalise_phone(value: str) -> str:
    """Digits only, +44 or 0044 written as the leading 0, as UK numbers are dialled at home."""
    digits = re.sub(r"[\s().-]", "", value or "")
    if digits.startswith("+44"):
        digits = "0" + digits[3:].removeprefix("0")
    elif digits.startswith("0044"):
        digits = "0" + digits[4:].removeprefix("0")
    return digits


def validate_phone(value: str) -> None:
    if not _PHONE.match(normalise_phone(value)):
        raise ValidationError(PHONE_MESSAGE, code="phone")


def normalise_handle(value: str) -> str:
    return (value or "").strip().removeprefix("@").strip()


# A registration written inside other words ("silver Ford Focus, AB12 CDE"): the dated formats only,
# which cannot be mistaken for an ordinary word or number.
_REGISTRATION_IN_TEXT = re.compile(
    r"\b([A-Z]{2}[0-9]{2}\s?[A-Z]{3}|[A-Z][0-9]{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?[0-9]{1,3}[A-Z])\b", re.IGNORECASE)


def registrations_in(text: str) -> list[str]:
    """The UK registrations written in free text, normalised, in order, each once."""
    found = []
    for match in _REGISTRATION_IN_TEXT.finditer(text or ""):
        normal = normalise_registration(match.group(1))
        if registration_format(normal) and normal not in found:
            found.append(normal)
    return found


# A full UK postcode in an address; its outward code (the part before the space) is the district.
_POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b")


def postcode_district(address: str) -> str:
    """The postcode district (TE1, TE12) of the last full postcode in an address, or "" when it
    names none: a district guessed from a half postcode would put a place in the wrong hotspot."""
    found = _POSTCODE_IN_TEXT.findall((address or "").upper())
    return found[-1][0] if found else ""
