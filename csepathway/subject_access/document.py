"""The released bundle as a PDF. Every item passes through redaction.released_item first, so the
template only ever receives text that may leave the council."""

from django.template.loader import render_to_string

from csepathway.core.formatting import govuk_date
from csepathway.core.pdf import html_to_pdf

from .redaction import released_item

TEMPLATE = "subject_access/bundle_pdf.html"


def bundle_html(sar, items, *, released_on) -> str:
    return render_to_string(TEMPLATE, {
        "title": f"Information held about {sar.child.full_name}",
        "received_on": govuk_date(sar.received_on), "released_on": govuk_date(released_on),
        "items": [released_item(item) for item in items],
    })


def bundle_pdf(sar, items, *, released_on) -> bytes:
    return html_to_pdf(bundle_html(sar, items, released_on=released_on))


def filename(sar) -> str:
    # No name in the file name: it shows in download lists and mail clients.
    return f"subject-access-{str(sar.pk)[:8]}.pdf"
