"""The models of each part, gathered where Django looks for an app's models."""

from .alerts.models import AccessAlert
from .disclosures.models import Disclosure, DisclosureImmutable

__all__ = ["AccessAlert", "Disclosure", "DisclosureImmutable"]
