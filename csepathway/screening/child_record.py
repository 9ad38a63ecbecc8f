"""The screenings' part of what is held about a child (children/records_held.py)."""

from csepathway.children.records_held import RecordsHeld, Snapshot, lines
from csepathway.core.formatting import govuk_date

from .models import Screening
from .presenters import screening_summary


def snapshots(child) -> list[Snapshot]:
    result = []
    for screening in Screening.objects.filter(child=child).select_related("tool", "challenge__decided_by"):
        summary = screening_summary(screening)
        challenge = getattr(screening, "challenge", None)
        answer = ""
        if challenge is not None:
            answer = challenge.get_state_display()
            if challenge.comment:
                answer += f": {challenge.comment}"
        text = lines(("Reason", screening.reason), ("Outcome", summary["outcome_label"]),
                     ("Significant indicators", ", ".join(summary["significant"])),
                     ("Criminal exploitation indicators", ", ".join(summary["criminal"])),
                     ("Other indicators", ", ".join(summary["other"])),
                     ("Vulnerabilities", ", ".join(summary["vulnerabilities"])),
                     ("Why there is no current risk", challenge.reason if challenge else ""),
                     ("The Team Manager's answer", answer))
        result.append(Snapshot("screening", screening, f"Screening on {govuk_date(screening.completed_at)}",
                               screening.completed_at, text))
    return result


# Kept with the rest of the pathway under the rule the episodes app registers.
RECORDS_HELD = RecordsHeld(app="screening", record_type="pathway",
                           models=("screening.screening", "screening.screeningchallenge"),
                           subject_access=snapshots, folded={"screening.screeningchallenge": "screening.screening"})
