"""Ids for rows that hang off a planned one (an episode's screening, a meeting's agenda item): derived
from the parent's id, so they repeat with the seed without another draw from the generator."""

import random
import uuid

_NAMESPACE = uuid.UUID("6f1c1f0e-3c55-4b8e-9f53-5e1b0c0de5a1")


def derived(parent, part: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{parent}:{part}")


def seeded(seed: int, stage: str) -> random.Random:
    """One generator per stage: a stage's data then depends on the seed alone, not on what ran before it."""
    # Reproducible synthetic data, never a secret.
    return random.Random(f"{seed}:{stage}")  # noqa: S311  # nosec B311
