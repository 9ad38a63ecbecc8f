"""NRM referrals (about 3% of episodes) and partner information reports to the police (about 10%),
with the decisions and gradings that came back for the older ones."""

import random

from csepathway.accounts.roles import Role
from csepathway.nrm.sections import SECTION_CODES

from . import names
from .casework import episodes_of
from .ids import derived
from .plan import DAY

NRM_SHARE = 0.03
REPORT_SHARE = 0.10


def _chosen(plans, rng: random.Random, share: float):
    """Submitted episodes, drawn so that `share` of all episodes have one, and at least one in every
    team that has any (a region has hundreds per team; a tiny test region would otherwise leave
    some team's pages with nothing to open)."""
    episodes = list(episodes_of(plans))
    submitted = [episode for episode in episodes if episode.submitted]
    chance = min(1.0, share * len(episodes) / max(len(submitted), 1))
    chosen = [episode for episode in submitted if rng.random() < chance]
    teams_covered = {episode.child.team.id for episode in chosen}
    for episode in submitted:
        if episode.child.team.id not in teams_covered:
            teams_covered.add(episode.child.team.id)
            chosen.append(episode)
    return chosen


def nrm_referrals(plans, rng: random.Random, anchor):
    today = anchor.date()
    for number, episode in enumerate(_chosen(plans, rng, NRM_SHARE), start=1):
        practitioner = episode.child.worker
        started = episode.when("submitted") + DAY
        referred = (started + rng.randint(1, 5) * DAY).date()
        row = {"id": derived(episode.id, "nrm"), "episode_id": episode.id, "child_id": episode.child.id,
               "created_by_id": practitioner.id, "first_responder_id": practitioner.id,
               "first_responder_organisation": f"{episode.child.authority.name} Council",
               "content": {}, "completed_sections": list(SECTION_CODES), "decision_maker": "sca",
               "referred_on": None, "reference": "", "created_at": started, "updated_at": started}
        if referred < today:
            row |= {"referred_on": referred, "reference": f"NRM-SYN-{number:06d}"}
            reasonable = referred + rng.randint(5, 30) * DAY
            if reasonable < today:
                row |= {"reasonable_grounds": "positive" if rng.random() < 0.8 else "negative",
                        "reasonable_grounds_on": reasonable}
                conclusive = reasonable + rng.randint(90, 400) * DAY
                if conclusive < today and row["reasonable_grounds"] == "positive":
                    row |= {"conclusive_grounds": "positive" if rng.random() < 0.7 else "negative",
                            "conclusive_grounds_on": conclusive}
            row |= {"guardian_referred": True, "guardian_referred_on": referred}
        yield row


def report_plan(plans, rng: random.Random) -> list:
    return _chosen(plans, rng, REPORT_SHARE)


def reports(chosen, rng: random.Random, anchor):
    sent_number = 0  # each report's number when sent, as report_send gives it
    for number, episode in enumerate(chosen, start=1):
        practitioner = episode.child.worker
        written = episode.when("screened") + DAY / 3
        police = episode.child.authority.staff[Role.POLICE_COORDINATOR][0]
        sent = written + DAY / 6
        graded = sent + rng.randint(1, 10) * DAY
        status = "draft" if sent >= anchor else "acknowledged" if graded < anchor and rng.random() < 0.85 else "sent"
        row = {"id": derived(episode.id, "report"), "episode_id": episode.id, "child_id": episode.child.id,
               "author_id": practitioner.id, "status": status,
               "subject": "A car collecting young people from the park (synthetic)",
               "information": "Seen on three evenings outside the park gates (synthetic).",
               "how_learned": rng.choice(["seen", "told_by_child", "told_by_other"]),
               "happened_on": (written - 3 * DAY).date(), "learned_on": (written - DAY).date(),
               "created_at": written, "updated_at": written}
        if status != "draft":
            sent_number += 1
            row |= {"sent_by_id": practitioner.id, "sent_at": sent, "number": sent_number}
        if status == "acknowledged":
            row |= {"police_reference": f"FIB/SYN/{number:06d}", "source_evaluation": rng.choice("12"),
                    "intelligence_assessment": rng.choice("ABC"), "handling_code": rng.choice("PPC"),
                    "graded_by_id": police.id, "graded_at": graded, "updated_at": graded}
        yield row


def report_persons(chosen):
    for episode in chosen:
        yield {"report_id": derived(episode.id, "report"), "how_learned": "told_by_child",
               "full_name": f"Adult {names.SURNAMES[episode.id.int % len(names.SURNAMES)]} (synthetic)",
               "aliases": "", "description": "Tall, dark jacket (synthetic)",
               "created_at": episode.when("screened") + DAY / 3}


def report_vehicles(chosen):
    for episode in chosen:
        if episode.id.int % 2:
            yield {"report_id": derived(episode.id, "report"), "how_learned": "seen",
                   "registration": f"SY{episode.id.int % 100:02d}XYZ",
                   "make": names.VEHICLE_MAKES[episode.id.int % 3], "model": "Saloon", "colour": "Silver",
                   "created_at": episode.when("screened") + DAY / 3}
