"""Bearer tokens: made from 32 random bytes, kept only as their SHA-256. A token's high entropy is
what makes a plain (unsalted, fast) hash the right choice: nobody can guess their way back from the
hash, and looking a token up by its hash is one indexed query (ADR 0058)."""

import hashlib
import secrets

TOKEN_START = "csep_"  # noqa: S105 - the readable start of every token, not a secret
# How much of a token is kept readable, to tell tokens apart in lists and logs.
PREFIX_LENGTH = len(TOKEN_START) + 8


def token_new() -> str:
    return TOKEN_START + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_prefix(token: str) -> str:
    return token[:PREFIX_LENGTH]
