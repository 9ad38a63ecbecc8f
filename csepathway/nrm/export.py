"""The referral's answers as plain text and as a PDF, in the online form's section order, for copying
into the Home Office form (which times out, so the answers are prepared first)."""

import datetime as dt
import textwrap

from csepathway.core.formatting import govuk_date
from csepathway.core.pdf import render_pdf

from .presenters import NOT_GIVEN, answer_sections

PDF_TEMPLATE = "nrm/referral_pdf.html"
TITLE = "National Referral Mechanism referral: answers prepared for the online form"
NO_CONSENT = ("The child is under 18, so no consent is needed for this referral. "
              "The referral also meets the duty to notify the Home Office.")


def _header(referral, today: dt.date) -> list[str]:
    lines = ["OFFICIAL-SENSITIVE", "", TITLE, "=" * len(TITLE), "",
             f"Prepared in CSE Pathway on {govuk_date(today)}.",
             f"Decision maker: {referral.get_decision_maker_display()}."]
    if referral.referred_on:
        lines.append(f"Referral made on {govuk_date(referral.referred_on)}"
                     + (f", reference {referral.reference}." if referral.reference else "."))
    return [*lines, NO_CONSENT, ""]


def text_document(referral, today: dt.date) -> str:
    lines = _header(referral, today)
    for number, entry in enumerate(answer_sections(referral), start=1):
        heading = f"{number}. {entry['section'].title}"
        lines += [heading, "-" * len(heading)]
        for answer in entry["answers"]:
            lines.append(answer["question"])
            # Each answer indented under its question; its own line breaks kept.
            text = answer["answer"] or NOT_GIVEN
            lines += [textwrap.indent(part, "    ") if part else "" for part in text.splitlines()] or [""]
            lines.append("")
    lines.append("OFFICIAL-SENSITIVE")
    return "\n".join(lines) + "\n"


def pdf_document(referral, today: dt.date) -> bytes:
    return render_pdf(PDF_TEMPLATE, {
        "title": TITLE, "no_consent": NO_CONSENT, "prepared": govuk_date(today),
        "decision_maker": referral.get_decision_maker_display(),
        "referred_on": govuk_date(referral.referred_on), "reference": referral.reference,
        "sections": answer_sections(referral), "not_given": NOT_GIVEN,
    })
