"""A home page's section is one query: its first few rows and how many there are in all (and how many
meet a condition), counted over the whole list, not the few shown."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from csepathway.children.models import Child
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.paging import first_rows_and_count

pytestmark = pytest.mark.django_db


def test_the_first_rows_come_with_the_count_of_the_whole_list_in_one_query():
    for number in range(7):
        ChildFactory(first_name=f"Firstrows{number}", last_name="Countchild" if number % 2 else "Othertest")
    found = Child.objects.filter(first_name__startswith="Firstrows").order_by("first_name")
    with CaptureQueriesContext(connection) as queries:
        first = first_rows_and_count(found, 3, odd=Q(last_name="Countchild"))
    assert len(queries) == 1
    assert [child.first_name for child in first.rows] == ["Firstrows0", "Firstrows1", "Firstrows2"]
    assert first.count == 7 and first.counts == {"odd": 3}


def test_an_empty_list_has_no_rows_and_counts_of_nothing():
    first = first_rows_and_count(Child.objects.filter(first_name="Nobody-by-this-name").order_by("pk"), 5,
                                 odd=Q(last_name="Countchild"))
    assert first.rows == [] and first.count == 0 and first.counts == {"odd": 0}
