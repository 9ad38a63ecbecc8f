"""The models of each part, gathered where Django looks for an app's models."""

from .alerts.models import AccessAlert
from .disclosures.models import Disclosure

__all__ = ["AccessAlert", "Disclosure"]
