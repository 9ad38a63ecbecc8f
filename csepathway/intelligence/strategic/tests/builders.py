"""A small fixed data set for the strategic picture, worked out by hand (docs/adr/0055):

- Amy Strategictest: decided High; assessment types sexual and online; screening: cars.
- Ben Strategictest: submitted, not decided; type criminal; screening: cars and drug misuse.
- Dana Hiddentest: a draft episode, so no one at the CSE team, the police or a chair may see her.
- Kyle Testperson: linked to Amy and Ben (2). Darren Testperson: linked to Amy and Dana (1 seen).
- 12 High Street, Testtown TE1 4AB: Amy and Ben (2). Rec ground, Testtown TE2 9ZZ: Amy and Dana (1).
- Vehicle AB12 CDE: Ben. A sent report on Amy's episode names Kyle and phone 07700 900982.
- Dana's draft report names Darren and phone 07700 900111: in no count, on no map."""

import dataclasses
import datetime as dt

from django.utils import timezone

from csepathway.assessments.models import Assessment
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.intelligence import services
from csepathway.intelligence.models import PersonOfConcern, VehicleOfConcern
from csepathway.intelligence.register.services import place_find_or_create
from csepathway.intelligence.validators import name_key
from csepathway.meetings.models import AgendaItem, MaseMeeting
from csepathway.screening.models import Screening


@dataclasses.dataclass
class World:
    amy: object
    ben: object
    dana: object
    kyle: object
    darren: object
    high_street: object
    rec_ground: object
    vehicle: object


def _types(episode, *types):
    sections = {**episode.assessment.sections, "exploitation": {"types": list(types), "models": []}}
    Assessment.objects.filter(pk=episode.assessment_id).update(sections=sections)


def _person(name):
    return PersonOfConcern.objects.create(full_name=name, name_key=name_key(name))


def _report(personas, episode, *, person, phone, send=True):
    report = services.report_create(actor=personas.practitioner, episode=episode, data={
        "subject": f"{person}, seen with the child", "information": "Seen at the bus station (test).",
        "how_learned": "told_by_child", "happened_on": None, "learned_on": None})
    services.piece_add(actor=personas.practitioner, report=report, kind="person", data={
        "full_name": person, "date_of_birth": None, "aliases": "", "description": "", "how_learned": "seen"})
    services.piece_add(actor=personas.practitioner, report=report, kind="phone", data={
        "number": phone, "whose": person, "how_learned": "seen"})
    report.refresh_from_db()
    if send:
        services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)
    return report


def build(personas) -> World:
    def child(first, last):
        return ChildFactory(first_name=first, last_name=last, allocated_team=personas.team,
                            allocated_worker=personas.practitioner)

    amy_episode = scenarios.decided(practitioner=personas.practitioner, child=child("Amy", "Strategictest"),
                                    cse_manager=personas.cse_manager, police=personas.police_coordinator, level="high")
    ben_episode = scenarios.submitted(practitioner=personas.practitioner, child=child("Ben", "Strategictest"))
    dana_episode = scenarios.draft_episode(practitioner=personas.practitioner, child=child("Dana", "Hiddentest"))
    _types(amy_episode, "sexual", "online")
    _types(ben_episode, "criminal")
    Screening.objects.filter(pk=ben_episode.screening_id).update(
        other_indicators=["drug_misuse"], criminal_indicators={"phones_sims": "recent"})

    kyle, darren = _person("Kyle Testperson"), _person("Darren Testperson")
    high_street = place_find_or_create(address="12 High Street, Testtown TE1 4AB")
    rec_ground = place_find_or_create(address="Rec ground, Testtown TE2 9ZZ")
    vehicle = VehicleOfConcern.objects.create(registration="AB12CDE", make="Ford")
    for entry, episodes in ((kyle, [amy_episode, ben_episode]), (darren, [amy_episode, dana_episode]),
                            (high_street, [amy_episode, ben_episode]), (rec_ground, [amy_episode, dana_episode]),
                            (vehicle, [ben_episode])):
        entry.episodes.add(*episodes)
    _report(personas, amy_episode, person="Kyle Testperson", phone="07700900982")
    _report(personas, dana_episode, person="Darren Testperson", phone="07700900111", send=False)
    return World(amy_episode.child, ben_episode.child, dana_episode.child, kyle, darren, high_street,
                 rec_ground, vehicle)


def chair_meeting(personas, *children_episodes):
    """A contextual meeting chaired by the personas' MASE chair, with these episodes on its agenda."""
    start = timezone.now() + dt.timedelta(days=3)
    meeting = MaseMeeting.objects.create(kind=MaseMeeting.Kind.CONTEXTUAL, starts_at=start,
                                         ends_at=start + dt.timedelta(hours=2), location="Room 1 (test)",
                                         chair=personas.mase_chair, scheduled_by=personas.cse_manager)
    for order, episode in enumerate(children_episodes, start=1):
        AgendaItem.objects.create(meeting=meeting, episode=episode, order=order)
    return meeting


def add_children(personas, count: int, *, person, place):
    """`count` more submitted children, each linked to the person and the place and named in a report."""
    for n in range(count):
        episode = scenarios.submitted(practitioner=personas.practitioner,
                                      child=ChildFactory(first_name=f"Extra{n}", last_name="Strategictest",
                                                         allocated_team=personas.team))
        _types(episode, "sexual")
        person.episodes.add(episode)
        place.episodes.add(episode)
        _report(personas, episode, person=f"Other Testperson{chr(65 + n)}", phone=f"0770090{n:04d}")
