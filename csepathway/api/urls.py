"""The API's URLs, each marked for the URL rule check: the OpenAPI document is public, every
endpoint takes a bearer token instead of a session (core.access.bearer_token)."""

from csepathway.core.access import bearer_token, public

from .api import api

urls = api.urls  # (patterns, app name, namespace), built once so the marks stay on these views
for pattern in urls[0]:
    mark = public if pattern.name == "openapi-json" else bearer_token
    mark(pattern.callback)
