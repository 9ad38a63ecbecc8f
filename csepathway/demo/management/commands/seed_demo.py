"""Load the synthetic demo world. Safe to run again: it adds only what is missing."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction

from csepathway.accounts.models import Agency, Team, User
from csepathway.accounts.roles import Role
from csepathway.children.models import Child
from csepathway.children.services import child_create

from ... import data, missing, pathway, retention


class Command(BaseCommand):
    help = "Create synthetic demo teams, a user for every role and 30+ children (idempotent)."

    def handle(self, *args, **options):
        created, episodes = self._load()
        self.stdout.write(f"Demo data ready: {Child.objects.count()} children ({created} new), "
                          f"{episodes} new episodes.")
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {data.DEMO_PASSWORD})")
        for username, _first, _last, role, team, _title in data.USERS:
            self.stdout.write(f"  {username:<20} {Role(role).label}, {team}")

    @transaction.atomic
    def _load(self) -> tuple[int, int]:
        agencies = {}
        for name, kind in data.AGENCIES:
            agencies[name], _ = Agency.objects.get_or_create(name=name, defaults={"kind": kind})
        teams = {}
        for name, agency, is_cse_team in data.TEAMS:
            teams[name], _ = Team.objects.get_or_create(
                name=name, defaults={"agency": agencies[agency], "is_cse_team": is_cse_team}
            )
        users = {}
        for username, first, last, role, team, title in data.USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, first_name=first, last_name=last, role=role, team=teams[team],
                            job_title=title, email=f"{username}@demo.cse-pathway.invalid",
                            is_staff=role == "system_admin", is_superuser=role == "system_admin")
                user.set_password(data.DEMO_PASSWORD)
                user.save()
            users[username] = user

        created = 0
        for spec in data.children(dt.date.today()):
            if Child.objects.filter(lcs_reference=spec["lcs_reference"]).exists():
                continue
            fields = {k: v for k, v in spec.items() if k not in ("team", "worker", "aliases")}
            fields["allocated_team"] = teams[spec["team"]]
            fields["allocated_worker"] = users[spec["worker"]]
            child_create(actor=users[spec["worker"]], data=fields, aliases=spec["aliases"])
            created += 1

        episodes = 0
        for child in Child.objects.filter(lcs_reference__in=pathway.PLAN).select_related("allocated_worker"):
            if not child.episodes.exists():
                pathway.build(child=child, users=users)
                episodes += 1
            missing.build(child=child)
        episodes += retention.build(users=users, teams=teams)
        return created, episodes
