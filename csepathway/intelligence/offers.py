"""Type it once (issue 13, point 6): what the episode's risk assessment already names (its associates
with their phones, vehicles and online names, and its places of concern) offered when a piece is
added to an intelligence report, so nobody types it again. Offered, never added by itself: the
practitioner chooses, checks the form it fills and says how they learned it."""

from django.utils.text import slugify

from . import validators


def _associates(assessment) -> list[dict]:
    return ((assessment.sections if assessment else {}).get("associates") or {}).get("entries") or []


def _places(assessment) -> list[dict]:
    return ((assessment.sections if assessment else {}).get("places") or {}).get("entries") or []


def _date_parts(value) -> list[str] | None:
    if isinstance(value, dict) and all(value.get(part) for part in ("day", "month", "year")):
        return [str(value["day"]), str(value["month"]), str(value["year"])]
    return None


def offers(assessment, kind: str) -> list[dict]:
    """[{key, label, initial}] for the piece `kind` of a report ("person", "vehicle", "phone",
    "username", "place"), from the assessment; an empty list when it names nothing of that kind."""
    found: list[dict] = []

    def offer(label: str, initial: dict) -> None:
        key = f"{kind}-{len(found) + 1}-{slugify(label)[:30]}"
        found.append({"key": key, "label": label, "initial": {k: v for k, v in initial.items() if v}})

    for entry in _associates(assessment):
        name = " ".join((entry.get("name") or "").split())
        whose = name or entry.get("nickname") or ""
        if kind == "person" and name:
            offer(name, {"full_name": name, "aliases": entry.get("nickname") or "",
                         "description": entry.get("description") or "",
                         "date_of_birth": _date_parts(entry.get("date_of_birth"))})
        elif kind == "vehicle":
            for registration in validators.registrations_in(entry.get("vehicle") or ""):
                offer(validators.display_registration(registration), {"registration": registration})
        elif kind == "phone" and entry.get("phone"):
            offer(entry["phone"], {"number": entry["phone"], "whose": whose})
        elif kind == "username" and entry.get("online_handle"):
            offer(entry["online_handle"], {"handle": entry["online_handle"]})
    if kind == "place":
        for entry in _places(assessment):
            place = " ".join((entry.get("place") or "").split())
            if place:
                offer(place, {"address": place, "description": entry.get("description") or ""})
    return found


def offer_initial(assessment, kind: str, key: str) -> dict:
    """The form's initial values for the offer the practitioner chose (nothing, for an unknown key)."""
    return next((item["initial"] for item in offers(assessment, kind) if item["key"] == key), {})
