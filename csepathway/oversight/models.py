"""The models of each part, gathered where Django looks for an app's models."""

from .alerts.models import AccessAlert, AccessSweep
from .disclosures.models import Disclosure

__all__ = ["AccessAlert", "AccessSweep", "Disclosure"]
