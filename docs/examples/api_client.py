"""An example client for the CSE Pathway API, using only Python's standard library.

    CSE_PATHWAY_URL=https://cse.example.gov.uk CSE_PATHWAY_TOKEN=csep_... python api_client.py

posts a (synthetic) referral and prints the episode it made. `verify_signature` is what a
receiver of CSE Pathway's webhooks runs on each delivery before trusting it (docs/API.md)."""

import base64
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request

TOLERANCE_SECONDS = 5 * 60


def verify_signature(secret: str, headers, body: bytes, *, now: float | None = None) -> bool:
    """True when the delivery was signed with the subscription's secret (whsec_...) and is recent.
    `headers` is any mapping with the webhook-id, webhook-timestamp and webhook-signature headers."""
    lowered = {key.lower(): value for key, value in dict(headers).items()}
    message_id, timestamp = lowered.get("webhook-id", ""), lowered.get("webhook-timestamp", "")
    if not message_id or not timestamp.isdigit():
        return False
    if abs((now if now is not None else time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        return False  # too old or from the future: a replayed capture
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(hmac.new(key, f"{message_id}.{timestamp}.".encode() + body,
                                         hashlib.sha256).digest()).decode()
    # The header may carry several signatures (during a secret's rotation), space-separated.
    offered = [part.split(",", 1)[1] for part in lowered.get("webhook-signature", "").split() if part.startswith("v1,")]
    return any(hmac.compare_digest(expected, signature) for signature in offered)


def post_referral(base_url: str, token: str, referral: dict) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - the council's own https address
        base_url.rstrip("/") + "/api/v1/referrals", data=json.dumps(referral).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - as above
            return response.status, json.load(response)
    except urllib.error.HTTPError as problem:  # 4xx/5xx: an RFC 9457 problem
        return problem.code, json.load(problem)


EXAMPLE_REFERRAL = {
    "referral_id": "LCS-REF-000123", "source": "lcs",
    "child": {"reference": "LCS-123456", "first_name": "Robin", "last_name": "Example",
              "date_of_birth": "2010-05-01", "gender": "girl"},
    "practitioner_email": "pat.practitioner@example.invalid", "team_manager_email": "tess.manager@example.invalid",
    "concern": "Seen getting into cars with unknown adults.",
    "screening": {"reason": "Concern from school", "significant_indicators": {"cars": "recent"},
                  "other_indicators": [], "vulnerabilities": ["low_self_esteem"]},
    "proposed_risk_level": "medium", "risk_rationale": "Indicators in the last 6 months.",
}

if __name__ == "__main__":
    status, body = post_referral(os.environ["CSE_PATHWAY_URL"], os.environ["CSE_PATHWAY_TOKEN"], EXAMPLE_REFERRAL)
    print(status, json.dumps(body, indent=2))
