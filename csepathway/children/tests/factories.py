import datetime as dt

import factory

from csepathway.children.models import Child, ChildAlias, Gender, Plan


class ChildFactory(factory.django.DjangoModelFactory):
    """Synthetic children only: every surname says so."""

    class Meta:
        model = Child

    first_name = factory.Sequence(lambda n: f"Sky{n}")
    last_name = factory.Sequence(lambda n: f"Testchild{n}")
    date_of_birth = dt.date(2011, 3, 14)
    gender = Gender.GIRL
    plan = Plan.CIN
    lcs_reference = factory.Sequence(lambda n: f"LCS-9{n:05d}")
    allocated_worker = None
    allocated_team = None


class ChildAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildAlias

    child = factory.SubFactory(ChildFactory)
    name = factory.Sequence(lambda n: f"Nickname{n}")
