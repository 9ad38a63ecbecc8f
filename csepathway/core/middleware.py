import uuid

from django.conf import settings

from . import request_context


def client_ip(request) -> str | None:
    # Behind a trusted proxy the real address is the right-most one it appended.
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    """Gives every request a short reference, shown on error pages and stored on audit events."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex[:12].upper()
        token = request_context.set_current(
            request_context.RequestContext(request_id=request.request_id, client_ip=client_ip(request), memo={})
        )
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request.request_id
        return response
