"""Demo NRM referrals and intelligence reports, built through the services like the rest of the
demo: one referral waiting on its conclusive-grounds decision, one report graded by the police."""

import datetime as dt

from django.utils import timezone

from csepathway.intelligence import services as intelligence_services
from csepathway.nrm import services as nrm_services
from csepathway.nrm.sections import SECTION_CODES

# The demo child (by LCS reference) whose episode has each.
NRM_REFERRAL = "LCS-D0010"
INTELLIGENCE_REPORT = "LCS-D0009"


def build(*, episode, users) -> None:
    reference = episode.child.lcs_reference
    if reference == NRM_REFERRAL:
        _nrm_referral(episode=episode)
    if reference == INTELLIGENCE_REPORT:
        _intelligence_report(episode=episode, police=users["police.coordinator"])


def _nrm_referral(*, episode) -> None:
    practitioner = episode.practitioner
    referral = nrm_services.referral_start(actor=practitioner, episode=episode)
    # The prefilled answers, confirmed section by section as a practitioner would.
    for code in SECTION_CODES:
        referral = nrm_services.referral_section_save(actor=practitioner, referral=referral, section=code,
                                                      answers=referral.content.get(code) or {}, complete=True,
                                                      expected_version=referral.version)
    today = timezone.localdate()
    referral = nrm_services.referral_mark_referred(actor=practitioner, referral=referral,
                                                   referred_on=today - dt.timedelta(days=20),
                                                   reference="NRM-DEMO-0001", expected_version=referral.version)
    nrm_services.reasonable_grounds_record(actor=practitioner, referral=referral, outcome="positive",
                                           decided_on=today - dt.timedelta(days=14),
                                           expected_version=referral.version)


def _intelligence_report(*, episode, police) -> None:
    practitioner = episode.practitioner
    report = intelligence_services.report_create(actor=practitioner, episode=episode, data={
        "subject": "A silver car collecting young people from the park (demo)",
        "information": "Seen on three evenings this month outside the park gates (demo).",
        "how_learned": "told_by_child", "happened_on": timezone.localdate() - dt.timedelta(days=5),
        "learned_on": timezone.localdate() - dt.timedelta(days=4)})
    intelligence_services.piece_add(actor=practitioner, report=report, kind="person", data={
        "full_name": "Demo Adultperson", "date_of_birth": dt.date(1991, 3, 14), "aliases": "D (demo)",
        "description": "Tall, dark jacket (demo)", "how_learned": "told_by_child"})
    intelligence_services.piece_add(actor=practitioner, report=report, kind="vehicle", data={
        "registration": "DE12MOX", "make": "Demo", "model": "Saloon", "colour": "Silver", "how_learned": "seen"})
    report.refresh_from_db()
    if not intelligence_services.police_mailbox():
        return  # without a police mailbox the report stays a draft, as it would for real
    report = intelligence_services.report_send(actor=practitioner, report=report, expected_version=report.version)
    report.refresh_from_db()
    intelligence_services.report_grade(actor=police, report=report, expected_version=report.version, data={
        "police_reference": "FIB/DEMO/0001", "source_evaluation": "2", "intelligence_assessment": "B",
        "handling_code": "P"})
