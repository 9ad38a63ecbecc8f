"""Full names, UK registrations and phone numbers, and their normal forms."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from csepathway.intelligence import validators


@pytest.mark.parametrize("name", ["Darren Testperson", "Mary-Jane O'Test", "St. John Testperson",
                                  "Jo Testperson", "Darren A Testperson"])
def test_full_names_are_accepted(name):
    validators.validate_full_name(name)


@pytest.mark.parametrize("name", ["J Smith", "Darren T", "J. Smith", "J.S.", "J S", "D. T."])
def test_initials_are_refused_with_why(name):
    with pytest.raises(ValidationError, match="Give full names, not initials: the police cannot search on initials"):
        validators.validate_full_name(name)


def test_one_name_is_refused():
    with pytest.raises(ValidationError, match="first name and last name"):
        validators.validate_full_name("Darren")


@pytest.mark.parametrize(("plate", "kind"), [
    ("AB12 CDE", "current"), ("ab12cde", "current"), ("A123 BCD", "prefix"), ("A1 BCD", "prefix"),
    ("ABC 123D", "suffix"), ("ABC 1D", "suffix"), ("A 1", "dateless"), ("ABC 1", "dateless"), ("1 ABC", "dateless"),
    ("AB 1234", "dateless"), ("1234 AB", "dateless"), ("ABZ 1234", "dateless"), ("ab-12-cde", "current"),
])
def test_uk_registrations_are_accepted(plate, kind):
    assert validators.registration_format(plate) == kind
    validators.validate_registration(plate)


@pytest.mark.parametrize("plate", ["", "ABCDEFG", "1234567", "AB12 CDEF", "A12345B", "AB!2 CDE", "ABCD 123",
                                   "12345 A", "AB 12345", "A1B2C3"])
def test_other_strings_are_refused(plate):
    with pytest.raises(ValidationError, match="Enter a UK registration"):
        validators.validate_registration(plate)


def test_normalising_a_registration_drops_spaces_and_case():
    assert validators.normalise_registration(" ab12 cde ") == "AB12CDE"


LETTERS = st.text(alphabet="ABCDEFGHJKLMNOPRSTUVWXYZ", min_size=1, max_size=1)
DIGIT = st.sampled_from("0123456789")


@given(st.lists(LETTERS, min_size=2, max_size=2), st.lists(DIGIT, min_size=2, max_size=2),
       st.lists(LETTERS, min_size=3, max_size=3), st.sampled_from(["", " ", "  "]), st.booleans())
def test_every_current_format_plate_is_accepted_however_spaced(area, age, random, gap, lower):
    plate = "".join(area) + "".join(age) + gap + "".join(random)
    plate = plate.lower() if lower else plate
    assert validators.registration_format(plate) == "current"
    assert validators.normalise_registration(plate) == ("".join(area) + "".join(age) + "".join(random))


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ", max_size=12))
def test_anything_accepted_is_at_most_seven_letters_and_digits(value):
    if validators.registration_format(value):
        normal = validators.normalise_registration(value)
        assert 2 <= len(normal) <= 7 and normal.isalnum()


@pytest.mark.parametrize(("number", "normal"), [
    ("07700 900982", "07700900982"), ("+44 7700 900982", "07700900982"), ("0044 (0)7700-900982", "07700900982"),
    ("01632 960 001", "01632960001"), ("020 7946 0000", "02079460000"),
])
def test_uk_phone_numbers_are_accepted_and_normalised(number, normal):
    validators.validate_phone(number)
    assert validators.normalise_phone(number) == normal


@pytest.mark.parametrize("number", ["12345", "7700900982", "+1 202 555 0100", "0770090098212", "phone me"])
def test_other_phone_numbers_are_refused(number):
    with pytest.raises(ValidationError, match="Enter a UK phone number"):
        validators.validate_phone(number)


def test_name_keys_ignore_case_spacing_accents_and_punctuation():
    assert validators.name_key("  Zoë  O'Test-Person ") == validators.name_key("zoe otest person")


@pytest.mark.parametrize("subject", ["J.S.", "J S", "J Smith", "J. A. Testperson", "Testperson, J",
                                     "D. Test-Person"])
def test_a_subject_named_by_initials_is_refused(subject):
    with pytest.raises(ValidationError, match="not initials: the police cannot search on initials"):
        validators.validate_subject(subject)


@pytest.mark.parametrize("subject", ["Darren Testperson", "Jo Testperson", "A white Ford Focus", "AB12 CDE",
                                     "Block B, Testshire Estate (demo)", "St. Mary's Park (test)",
                                     "Unknown male, about 30"])
def test_a_subject_that_is_a_name_a_vehicle_or_a_place_is_accepted(subject):
    validators.validate_subject(subject)


@pytest.mark.parametrize(("stored", "shown"), [("AB12CDE", "AB12 CDE"), ("A123BCD", "A123 BCD"),
                                               ("ABC123D", "ABC 123D"), ("AB1234", "AB 1234"), ("1234AB", "1234 AB")])
def test_a_registration_is_shown_with_its_space(stored, shown):
    assert validators.display_registration(stored) == shown
