"""Bearer-token authentication for the API. A token is found by the SHA-256 of what was presented;
an unknown, expired or revoked token, or one whose system or service account is switched off, is
refused with 401 alike (the answer does not say which). A token without the scope an endpoint needs
is refused with 403. The acting user from then on is the system's service account."""

from django.utils import timezone
from ninja.security import HttpBearer

from csepathway.accounts.roles import role_of

from .models import ApiToken
from .tokens import TOKEN_START, token_hash

# last_used_at is for people looking after tokens, not an audit (every call is on the trail): it
# is written at most once a minute per token, so reads do not each write a row.
LAST_USED_PRECISION = timezone.timedelta(minutes=1)


class ScopeMissing(Exception):
    def __init__(self, scope: str):
        super().__init__(scope)
        self.scope = scope


def token_find(presented: str) -> ApiToken | None:
    if not presented.startswith(TOKEN_START) or len(presented) > 200:
        return None
    token = (ApiToken.objects.select_related("system__service_account__team")
             .filter(secret_hash=token_hash(presented)).first())
    now = timezone.now()
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    if not token.system.is_active or role_of(token.system.service_account) is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class TokenAuth(HttpBearer):
    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token: str):
        found = token_find(token)
        if found is None:
            return None
        request.api_token = found
        request.system = found.system
        request.service_account = found.system.service_account
        if self.scope not in found.scopes:
            raise ScopeMissing(self.scope)
        return found
