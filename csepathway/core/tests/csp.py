"""Reading a response's Content-Security-Policy and checking its scripts against it."""

import re

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.I)
NONCE_ATTR = re.compile(r'\bnonce="([^"]*)"')


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def header_nonce(response) -> str:
    nonces = [v for v in csp_directives(response)["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1, response["Content-Security-Policy"]
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


def assert_scripts_carry_the_nonce(response) -> str:
    nonce = header_nonce(response)
    tags = SCRIPT_TAG.findall(response.content.decode())
    assert tags, "expected the GOV.UK and htmx scripts"
    for tag in tags:
        found = NONCE_ATTR.search(tag)
        assert found and found.group(1) == nonce, tag
    return nonce
