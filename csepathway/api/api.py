"""The API's version 1: one NinjaAPI, its problem+json errors and its OpenAPI 3.1 document."""

from ninja import NinjaAPI

from . import problems
from .views import router

PROBLEM_STATUSES = {"400", "401", "403", "404", "405", "422", "500"}


class CsePathwayApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Ninja documents every response as application/json; ours for errors are problem+json."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status) in PROBLEM_STATUSES and "application/json" in content:
                        response["content"] = {problems.PROBLEM_TYPE: content["application/json"]}
        return schema


api = CsePathwayApi(
    title="CSE Pathway API", version="1", urls_namespace="api", docs_url=None,
    description="For council systems (LCS, EHM): inbound referrals, case-note acknowledgements and reading for "
                "reporting. Authenticate with a bearer token; errors are RFC 9457 problem+json. See docs/API.md.")
for exception, handler in problems.HANDLERS:
    api.add_exception_handler(exception, handler)
api.add_router("/", router)
