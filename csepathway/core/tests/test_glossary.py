"""A glossary of the short names (issue 13, point 16), linked from the pages that use them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_glossary_explains_every_short_name_without_signing_in(client):
    page = client.get(reverse("core:glossary")).text
    for term in ("MASE", "NRM", "RG and CG", "FIB", "3x5x2", "CIN", "CP", "LAC", "TAF"):
        assert f">{term}</dt>" in page, term
    assert 'id="mase"' in page and 'id="3x5x2"' in page


def test_every_page_links_to_the_glossary_from_its_footer(client):
    assert reverse("core:glossary") in client.get(reverse("core:accessibility")).text
