import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from . import access, navigation
from .glossary import TERMS
from .home import home_panels

logger = logging.getLogger(__name__)


@access.signed_in
def home(request):
    user = request.user
    return render(request, "core/home.html", {
        "page_title": "Home",
        "user_display": {
            "name": user.display_name,
            "role": user.get_role_display(),
            "team": getattr(user.team, "name", ""),
        },
        "links": [item for item in navigation.items_for(user, request.path) if item["href"] != request.path],
        "sections": home_panels.render(request, user),
    })


@access.public
def accessibility_statement(request):
    return render(request, "core/accessibility.html", {"page_title": "Accessibility statement"})


@access.public
def privacy_notice(request):
    return render(request, "core/privacy.html", {"page_title": "Privacy notice"})


@access.public
def glossary(request):
    return render(request, "core/glossary.html", {"page_title": "Words we use", "terms": TERMS})


ERRORS = {
    400: ("Sorry, there is a problem with your request", [
        "The request could not be understood. Go back and try again."]),
    403: ("You do not have permission to see this page", [
        "If you think you should be able to see it, ask your team manager or the CSE team."]),
    404: ("Page not found", [
        "If you typed the web address, check it is correct.",
        "You may not have access to this record. If you need it, ask your team manager or the CSE team."]),
    500: ("Sorry, there is a problem with the service", [
        "Try again later. Anything you saved before this happened is safe."]),
    503: ("Sorry, the service is unavailable", [
        "The service cannot reach its records at the moment. Try again in a few minutes.",
        "Anything you saved before this happened is safe."]),
}


def error_page(request, status: int):
    heading, paragraphs = ERRORS[status]
    # Error pages never touch the database: the database may be why we are here.
    response = render(request, "core/error.html", {
        "page_title": heading, "heading": heading, "paragraphs": paragraphs, "minimal_page": True,
    }, status=status)
    if status == 503:
        # Tells load balancers and clients this is temporary, and when to try again.
        response["Retry-After"] = "60"
    return response


@access.public
@requires_csrf_token
def bad_request(request, exception=None):
    return error_page(request, 400)


@access.public
@requires_csrf_token
def permission_denied(request, exception=None):
    return error_page(request, 403)


@access.public
@requires_csrf_token
def page_not_found(request, exception=None):
    return error_page(request, 404)


@access.public
@requires_csrf_token
def server_error(request):
    # Django calls this inside its exception handler, so the failure is still in hand.
    failure = sys.exception()
    if isinstance(failure, OperationalError | InterfaceError) or (
        isinstance(failure, DatabaseError) and "connect" in str(failure).lower()
    ):
        logger.error("database unavailable, request %s", getattr(request, "request_id", "-"))
        return error_page(request, 503)
    return error_page(request, 500)


@access.public
@requires_csrf_token
def csrf_failure(request, reason=""):
    return error_page(request, 403)
