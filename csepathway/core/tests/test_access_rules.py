"""Every view states who may reach it; a walk of the URLconf fails on any that does not."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.middleware.csrf import _get_failure_view
from django.test import RequestFactory
from django.urls import get_resolver, include, path

from csepathway.core import access


def test_every_view_in_the_urlconf_has_an_access_rule():
    missing = access.views_without_rule(get_resolver().url_patterns)

    assert missing == [], "views without an access rule (mark them with csepathway.core.access):\n" + "\n".join(
        missing
    )


def test_walk_reaches_views_inside_includes_and_leaves_out_only_the_admin():
    routes = dict(access.url_views(get_resolver().url_patterns))

    assert "children/<uuid:child_id>/edit" in routes
    assert "account/two-factor/verify" in routes
    assert "" in routes  # the home page
    assert not [route for route in routes if route.startswith("admin/")]


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_are_public(status):
    assert access.rule_of(get_resolver().resolve_error_handler(status)) == "public"


def test_csrf_failure_page_is_public():
    assert access.rule_of(_get_failure_view()) == "public"


def _unmarked(request):
    return HttpResponse("no rule")


@access.signed_in
def _marked(request):
    return HttpResponse("signed in")


def test_walk_catches_an_unmarked_view_even_inside_an_include():
    fake_urlconf = [
        path("fine", _marked),
        path("section/", include([path("fine", _marked), path("forgotten", _unmarked)])),
        path("named/", include(([path("also-forgotten", _unmarked)], "named"), namespace="named")),
    ]

    missing = access.views_without_rule(fake_urlconf)

    assert len(missing) == 2
    assert missing[0].startswith("section/forgotten -> ")
    assert missing[0].endswith("test_access_rules._unmarked")
    assert missing[1].startswith("named/also-forgotten -> ")


def test_walk_exempts_only_the_admin_namespace():
    fake_urlconf = [
        path("admin/", include(([path("x", _unmarked)], "admin"), namespace="admin")),
        path("other/", include(([path("x", _unmarked)], "other"), namespace="other")),
    ]

    assert access.views_without_rule(fake_urlconf) == [f"other/x -> {__name__}._unmarked"]


class _User:
    def __init__(self, role):
        self.role = role
        self.is_authenticated = True


def test_roles_required_lets_listed_roles_in_and_refuses_the_rest():
    view = access.roles_required("cse_manager", "police_coordinator")(_unmarked)
    request = RequestFactory().get("/")

    request.user = _User("police_coordinator")
    assert view(request).status_code == 200
    request.user = _User("practitioner")
    with pytest.raises(PermissionDenied):
        view(request)
    assert access.rule_of(view) == "roles:cse_manager,police_coordinator"


def test_public_views_need_no_sign_in_and_others_do():
    assert getattr(access.public(lambda request: None), "login_required", True) is False
    assert getattr(_marked, "login_required", True) is True
