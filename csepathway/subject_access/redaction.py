"""What the released document says for each item. Redacted text is removed from the string itself
before anything is rendered, so it cannot survive in the PDF under a black box, in a text layer or in
the document's metadata: there is nothing left to hide."""

import re

from .exemptions import exemption_label
from .models import BundleItem


def marker(exemption: str, detail: str = "") -> str:
    return f"[redacted: {exemption_label(exemption, detail)}]"


def redact(text: str, phrases: list[str], replacement: str) -> str:
    """Every occurrence of each phrase, in any letter case, replaced. Longest first, so a phrase
    inside a longer one cannot leave the rest of the longer one behind."""
    cleaned = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not cleaned:
        return text
    pattern = re.compile("|".join(re.escape(p) for p in cleaned), re.IGNORECASE)
    return pattern.sub(replacement, text)


def missing_phrases(text: str, phrases: list[str]) -> list[str]:
    """Phrases that do not appear in the text: most likely mistyped, and a mistyped phrase would
    leave the real words in the document."""
    lowered = text.lower()
    return [p for p in phrases if p.lower() not in lowered]


def withheld_line(item: BundleItem) -> str:
    return f"{item.get_kind_display()} withheld: {exemption_label(item.exemption, item.exemption_detail)}."


def released_item(item: BundleItem) -> dict:
    """The item as the requester will see it: withheld (a line naming the exemption and nothing of
    the record, not even its title), redacted, or in full."""
    if item.decision == BundleItem.Decision.WITHHOLD:
        return {"heading": item.get_kind_display(), "withheld": withheld_line(item), "text": ""}
    if item.decision == BundleItem.Decision.REDACT:
        replacement = marker(item.exemption, item.exemption_detail)
        return {"heading": redact(item.title, item.redactions, replacement), "withheld": "",
                "text": redact(item.text, item.redactions, replacement)}
    return {"heading": item.title, "withheld": "", "text": item.text}
