"""One small layer that turns Django bound fields into the parameters of GOV.UK macros, so every
form in the service looks and behaves the same. Templates call `field(form.x)` from core/forms.html."""

from django import forms

from .forms import GovukDateWidget


def _error(bound_field):
    if bound_field.errors:
        return {"text": " ".join(str(e) for e in bound_field.errors)}
    return None


def _value(bound_field):
    value = bound_field.value()
    return "" if value is None else value


def _choices(bound_field, selected_values):
    selected = {str(v) for v in selected_values}
    items = []
    for value, label in bound_field.field.choices:
        items.append({"value": value, "text": str(label), "checked": str(value) in selected})
    return items


def govuk_field(bound_field, **overrides) -> dict:
    """Return {'kind': macro name, 'params': macro parameters} for a bound field."""
    widget = bound_field.field.widget
    label = str(bound_field.label)
    hint = {"text": str(bound_field.help_text)} if bound_field.help_text else None
    common = {
        "id": bound_field.id_for_label or bound_field.auto_id,
        "name": bound_field.html_name,
        "hint": hint,
        "errorMessage": _error(bound_field),
    }
    page_heading = overrides.pop("page_heading", False)
    legend = {"text": label, "classes": "govuk-fieldset__legend--l" if page_heading else "govuk-fieldset__legend--s"}
    if page_heading:
        legend["isPageHeading"] = True

    if isinstance(widget, forms.HiddenInput):
        kind, params = "hidden", {"name": bound_field.html_name, "value": _value(bound_field)}
    elif isinstance(widget, GovukDateWidget):
        day, month, year = (bound_field.value() if isinstance(bound_field.value(), list) else
                            widget.decompress(bound_field.value()))
        error_class = " govuk-input--error" if bound_field.errors else ""
        parts = {"day": (day, "Day", 2), "month": (month, "Month", 2), "year": (year, "Year", 4)}
        kind, params = "date", {
            "id": bound_field.auto_id,
            "fieldset": {"legend": legend},
            "hint": hint,
            "errorMessage": _error(bound_field),
            # Django's MultiWidget names the parts <name>_day, <name>_month, <name>_year.
            "items": [
                {"name": f"{bound_field.html_name}_{part}", "id": f"{bound_field.auto_id}_{part}",
                 "label": text, "value": value or "", "classes": f"govuk-input--width-{width}{error_class}"}
                for part, (value, text, width) in parts.items()
            ],
        }
    elif isinstance(widget, forms.CheckboxSelectMultiple):  # a RadioSelect subclass, so tested first
        kind, params = "checkboxes", {
            **common,
            "fieldset": {"legend": legend},
            "items": _choices(bound_field, bound_field.value() or []),
        }
        params["idPrefix"] = params.pop("id")
    elif isinstance(widget, forms.RadioSelect):
        kind, params = "radios", {
            **common,
            "fieldset": {"legend": legend},
            "items": _choices(bound_field, [_value(bound_field)]),
        }
        params["idPrefix"] = params.pop("id")
    elif isinstance(widget, forms.CheckboxInput):
        kind, params = "checkboxes", {
            **common,
            "idPrefix": common["id"],
            "items": [{"value": "on", "text": label, "checked": bool(bound_field.value())}],
        }
        params.pop("id")
    elif isinstance(widget, forms.Select):
        kind, params = "select", {
            **common,
            "label": {"text": label},
            "items": [{"value": v, "text": str(t), "selected": str(v) == str(_value(bound_field))}
                      for v, t in bound_field.field.choices],
        }
    elif isinstance(widget, forms.Textarea):
        kind, params = "textarea", {**common, "label": {"text": label}, "value": _value(bound_field), "rows": 5}
    else:
        input_type = getattr(widget, "input_type", "text")
        kind = "password" if input_type == "password" else "input"
        params = {**common, "label": {"text": label}, "type": input_type}
        if input_type != "password":
            params["value"] = _value(bound_field)
        autocomplete = widget.attrs.get("autocomplete")
        if autocomplete:
            params["autocomplete"] = autocomplete
        if widget.attrs.get("spellcheck") is False or input_type in ("email",):
            params["spellcheck"] = False
        if widget.attrs.get("class"):
            params["classes"] = widget.attrs["class"]

    if page_heading and "label" in params:
        params["label"] = {**params["label"], "isPageHeading": True, "classes": "govuk-label--l"}
    for key, value in overrides.items():
        params[key] = value
    return {"kind": kind, "params": params}


def checkbox_items(bound_field) -> list[dict]:
    """GOV.UK checkbox items for a multiple-choice field, keeping what was ticked; for templates that
    lay out a checkbox group themselves (hints or conditional reveals per item)."""
    return _choices(bound_field, bound_field.value() or [])


def govuk_error_summary(*forms_) -> list[dict]:
    """Error summary links for one or more forms, each pointing at its field."""
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"text": str(error), "href": "#main-content"})
        for bound_field in form:
            if bound_field.errors:
                href = "#" + (bound_field.id_for_label or bound_field.auto_id)
                if isinstance(bound_field.field.widget, GovukDateWidget):
                    href = f"#{bound_field.auto_id}_day"
                items.append({"text": " ".join(str(e) for e in bound_field.errors), "href": href})
    return items
