"""Redaction removes the words from the text itself, every occurrence, whatever the letter case."""

from csepathway.subject_access.models import BundleItem
from csepathway.subject_access.redaction import marker, missing_phrases, redact, released_item


def test_every_occurrence_is_replaced_with_the_reason():
    text = "Jordan Thirdparty drove her. jordan thirdparty's phone was seen."
    result = redact(text, ["Jordan Thirdparty"], marker("third_party"))
    assert "jordan" not in result.lower()
    assert result.count("[redacted: Third-party information]") == 2


def test_a_phrase_inside_a_longer_one_leaves_nothing_of_the_longer_one():
    result = redact("at Flat 3 Testrow Court", ["Testrow", "Flat 3 Testrow Court"], "[x]")
    assert result == "at [x]"


def test_blank_lines_redact_nothing():
    assert redact("unchanged", ["", "  "], "[x]") == "unchanged"


def test_a_mistyped_phrase_is_caught_before_it_leaves_the_real_words_in():
    assert missing_phrases("Seen at the park", ["the park", "the prak"]) == ["the prak"]


def test_a_withheld_item_keeps_nothing_of_the_record_not_even_its_title():
    item = BundleItem(kind=BundleItem.Kind.CASE_NOTE, title="Disclosure by Ray Testuncle", text="Secret words",
                      decision=BundleItem.Decision.WITHHOLD, exemption="other", exemption_detail="Court order")
    shown = released_item(item)
    assert "Ray" not in str(shown) and "Secret" not in str(shown)
    assert shown["withheld"] == "Case note withheld: Other: Court order."
