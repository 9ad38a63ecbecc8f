"""A real OpenID provider for the single sign-on tests: tests/oidc/provider.mjs (the `oidc-provider`
npm package) run with Node on a free port on 127.0.0.1, and helpers that go through its
authorization code flow as a browser would."""

import base64
import dataclasses
import hashlib
import json
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
CLIENT_ID, CLIENT_SECRET = "cse-pathway", "test-client-secret"  # noqa: S105 - a test provider's client
OTHER_CLIENT_ID, OTHER_CLIENT_SECRET = "another-council-service", "another-test-secret"  # noqa: S105
TEST_CALLBACK = "http://testserver/account/sign-in/council/callback"
SCOPES = "openid email profile"

# Synthetic people at a synthetic council.
ACCOUNTS = {
    "alex": {"email": "alex.morgan@testshire.invalid", "email_verified": True, "given_name": "Alex",
             "family_name": "Morgan", "groups": ["grp-cse-managers", "grp-all-staff"]},
    "jo": {"email": "jo.new@testshire.invalid", "email_verified": True, "given_name": "Jo",
           "family_name": "Newcomer", "groups": ["grp-north-practitioners"]},
    "sam": {"email": "sam.stranger@testshire.invalid", "email_verified": True, "given_name": "Sam",
            "family_name": "Stranger", "groups": ["grp-all-staff"]},
    "unverified": {"email": "alex.morgan@testshire.invalid", "email_verified": False,
                   "groups": ["grp-cse-managers"]},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclasses.dataclass
class OidcProvider:
    issuer: str
    url: str
    process: subprocess.Popen
    log: Path

    def sign_in_as(self, account: str) -> None:
        """The account the provider signs in at its next authorization request."""
        requests.get(f"{self.url}/__test/sign-in-as", params={"account": account}, timeout=5).raise_for_status()

    def settings(self) -> dict:
        """The service's settings for single sign-on through this provider."""
        return {
            "SSO_ENABLED": True, "OIDC_OP_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/auth", "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks", "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        }

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def follow_to(self, authorize_url: str, redirect_uri: str) -> str:
        """Go through the provider from an authorization request, as the browser would, and return
        the address it sends the browser back to (the service's callback, with code and state)."""
        session, url = requests.Session(), authorize_url
        for _ in range(10):
            response = session.get(url, allow_redirects=False, timeout=10)
            assert response.status_code in (302, 303), f"{response.status_code}: {response.text[:500]}"
            url = urljoin(url, response.headers["Location"])
            # A provider started with another provider's issuer names that one in its own links.
            url = url.replace(self.issuer, self.url, 1) if self.issuer != self.url else url
            if url.startswith(redirect_uri):
                return url
        raise AssertionError("the provider never sent the browser back")

    def mint_id_token(self, *, account: str, nonce: str, client_id: str = CLIENT_ID,
                      client_secret: str = CLIENT_SECRET, redirect_uri: str = TEST_CALLBACK) -> str:
        """An ID token issued by this provider through the full code flow with PKCE."""
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        self.sign_in_as(account)
        back = self.follow_to(f"{self.url}/auth?" + urlencode({
            "client_id": client_id, "response_type": "code", "scope": SCOPES, "redirect_uri": redirect_uri,
            "state": secrets.token_urlsafe(16), "nonce": nonce, "code_challenge": challenge,
            "code_challenge_method": "S256"}), redirect_uri)
        code = parse_qs(urlsplit(back).query)["code"][0]
        response = requests.post(f"{self.url}/token", timeout=10, data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": client_id, "client_secret": client_secret, "code_verifier": verifier})
        response.raise_for_status()
        return response.json()["id_token"]


def start_provider(*, redirect_uris=(TEST_CALLBACK,), issuer: str | None = None, id_token_ttl: int = 3600,
                   accounts: dict = ACCOUNTS) -> OidcProvider:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the test OpenID provider"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    client = {"redirect_uris": list(redirect_uris), "token_endpoint_auth_method": "client_secret_post",
              "grant_types": ["authorization_code"], "response_types": ["code"]}
    config = {
        "port": port, "issuer": issuer or url, "accounts": accounts, "idTokenTtl": id_token_ttl,
        "clients": [{**client, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
                    {**client, "client_id": OTHER_CLIENT_ID, "client_secret": OTHER_CLIENT_SECRET}],
    }
    log = Path(tempfile.mkstemp(prefix="oidc-provider-", suffix=".log")[1])
    with log.open("w") as out:
        process = subprocess.Popen([node, str(SCRIPT), json.dumps(config)], stdout=out, stderr=subprocess.STDOUT)
    provider = OidcProvider(issuer=issuer or url, url=url, process=process, log=log)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test OpenID provider stopped: {log.read_text()}")
        try:
            if requests.get(f"{url}/.well-known/openid-configuration", timeout=1).ok:
                return provider
        except requests.ConnectionError:
            time.sleep(0.1)
    provider.stop()
    raise RuntimeError(f"the test OpenID provider did not start: {log.read_text()}")
