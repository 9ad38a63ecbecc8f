"""What the disclosure log shows."""

from markupsafe import Markup

from csepathway.core.formatting import govuk_datetime

from ..history.presenters import actor_name


def _disclosure_child(entry) -> dict:
    if not entry.child_id:
        return {"text": "-"}
    label = getattr(entry, "child_label", "")
    return {"html": Markup("{}<br>{}").format(label, entry.child_id) if label else str(entry.child_id)}


def disclosure_rows(entries) -> list[list[dict]]:
    return [[{"text": govuk_datetime(d.disclosed_at)}, _disclosure_child(d),
             {"text": d.recipient}, {"text": d.shared}, {"text": d.purpose}, {"text": d.lawful_basis},
             {"text": actor_name(d.disclosed_by, d.disclosed_by_username)}] for d in entries]
