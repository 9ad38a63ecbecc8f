"""Every error the API gives is an RFC 9457 problem (application/problem+json): type, title, status,
detail, and for a body that does not validate, the fields and what is wrong with each. The details
never repeat what was sent (it may be case content)."""

import json
import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.core.refusals import Refused

from .auth import ScopeMissing

logger = logging.getLogger(__name__)

PROBLEM_TYPE = "application/problem+json"
TITLES = {400: "Bad request", 401: "Not signed in", 403: "Not allowed", 404: "Not found",
          405: "Method not allowed", 409: "Conflict", 422: "Cannot be processed", 500: "Server error"}


def problem(status: int, detail: str, *, errors: list[dict] | None = None, headers: dict | None = None) -> HttpResponse:
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.url_name if match else "") or "unknown"


def _field(location) -> str:
    # ("body", "referral", "child", "date_of_birth") -> "child.date_of_birth"; the wrapper name goes.
    parts = [str(part) for part in location]
    if parts and parts[0] in ("body", "query", "path"):
        parts = parts[2:] if parts[0] == "body" and len(parts) > 1 else parts[1:]
    return ".".join(parts) or "body"


def unauthenticated(request, exc) -> HttpResponse:
    record(actor=None, verb="api.unauthenticated", object_type="api.route", object_id=_route(request)[:64],
           outcome=AuditEvent.Outcome.DENIED)
    return problem(401, "Send a valid API token: Authorization: Bearer <token>.",
                   headers={"WWW-Authenticate": 'Bearer realm="CSE Pathway API"'})


def scope_missing(request, exc: ScopeMissing) -> HttpResponse:
    record(actor=request.service_account, verb="api.scope_missing", object_type="api.route",
           object_id=_route(request)[:64], outcome=AuditEvent.Outcome.DENIED)
    return problem(403, f"This token does not have the scope {exc.scope}.")


def invalid(request, exc: NinjaValidationError) -> HttpResponse:
    errors = [{"field": _field(error.get("loc", ())), "message": str(error.get("msg", "Invalid"))}
              for error in exc.errors]
    return problem(422, "The request does not validate: see errors.", errors=errors)


def refused(request, exc: Refused) -> HttpResponse:
    errors = [{"field": exc.field, "message": str(exc)}] if exc.field else None
    return problem(422, str(exc), errors=errors)


def invalid_value(request, exc: DjangoValidationError) -> HttpResponse:
    return problem(422, " ".join(exc.messages))


def not_found(request, exc) -> HttpResponse:
    return problem(404, "There is nothing here, or this system may not see it.")


def not_allowed(request, exc) -> HttpResponse:
    # A service refused the service account (not a refusal it can act on): as for a page, say nothing.
    return problem(403, "This system's account may not do this.")


def http_error(request, exc: HttpError) -> HttpResponse:
    return problem(exc.status_code, str(exc) if exc.status_code < 500 else TITLES[500])


def server_error(request, exc: Exception) -> HttpResponse:
    # The type only: an exception's text can quote the data it failed on.
    logger.error("API %s failed: %s", _route(request), type(exc).__name__)
    return problem(500, "Something went wrong. It has been logged; try again later.")


HANDLERS = [
    (AuthenticationError, unauthenticated), (ScopeMissing, scope_missing), (NinjaValidationError, invalid),
    (Refused, refused), (DjangoValidationError, invalid_value), (Http404, not_found),
    (PermissionDenied, not_allowed), (HttpError, http_error), (Exception, server_error),
]
