"""The kinds of piece a report holds, in one table: the model, the form, the words pages use, and
what each piece shows (on the report page and in the PDF sent to the police)."""

import dataclasses
from collections.abc import Callable

from django import forms

from csepathway.core.formatting import govuk_date

from . import forms as piece_forms
from . import validators
from .models import (
    ReportDescription,
    ReportMoney,
    ReportPerson,
    ReportPhone,
    ReportPlace,
    ReportUsername,
    ReportVehicle,
)


@dataclasses.dataclass(frozen=True)
class PieceType:
    kind: str
    heading: str
    noun: str
    model: type
    form: type[forms.Form]
    rows: Callable[[object], list[tuple[str, str]]]
    related_name: str
    values: Callable[[dict], dict] = lambda data: dict(data)
    article: str = "a"

    @property
    def add_label(self) -> str:
        return f"Add {self.article} {self.noun}"


def _person_rows(p):
    return [("Full name", p.full_name), ("Date of birth", govuk_date(p.date_of_birth) or "Not known"),
            ("Other names", p.aliases), ("Description", p.description)]


def _vehicle_rows(v):
    return [("Registration", validators.display_registration(v.registration)), ("Make", v.make),
            ("Model", v.model), ("Colour", v.colour)]


def _money_rows(m):
    return [("Amount", f"£{m.amount:,.2f}" if m.amount is not None else "Not known"), ("Details", m.description)]


def _vehicle_values(data):
    return {**data, "registration": validators.normalise_registration(data["registration"])}


def _phone_values(data):
    return {**data, "number": validators.normalise_phone(data["number"])}


def _username_values(data):
    return {**data, "handle": validators.normalise_handle(data["handle"])}


PIECES: dict[str, PieceType] = {piece.kind: piece for piece in [
    PieceType("person", "People", "person", ReportPerson, piece_forms.PersonForm, _person_rows, "persons"),
    PieceType("vehicle", "Vehicles", "vehicle", ReportVehicle, piece_forms.VehicleForm, _vehicle_rows, "vehicles",
              _vehicle_values),
    PieceType("phone", "Phone numbers", "phone number", ReportPhone, piece_forms.PhoneForm,
              lambda p: [("Number", p.number), ("Whose number", p.whose)], "phones", _phone_values),
    PieceType("username", "Online usernames", "online username", ReportUsername, piece_forms.UsernameForm,
              lambda u: [("App or website", u.platform), ("Username", u.handle)], "usernames", _username_values, "an"),
    PieceType("place", "Places", "place", ReportPlace, piece_forms.PlaceForm,
              lambda p: [("Address or place", p.address), ("Description", p.description)], "places"),
    PieceType("money", "Money", "amount of money", ReportMoney, piece_forms.MoneyForm, _money_rows, "money",
              article="an"),
    PieceType("description", "Descriptions", "description", ReportDescription, piece_forms.DescriptionForm,
              lambda d: [("Description", d.text)], "descriptions"),
]}


def pieces_of(report) -> list[dict]:
    """Every kind with the report's pieces of it, in the table's order (prefetch the related names
    to keep this to one query per kind, whatever the number of pieces)."""
    groups = []
    for piece_type in PIECES.values():
        items = list(getattr(report, piece_type.related_name).all())
        groups.append({"type": piece_type, "items": [
            {"piece": item, "rows": [(label, value) for label, value in piece_type.rows(item) if value],
             "how_learned": item.get_how_learned_display()} for item in items]})
    return groups
