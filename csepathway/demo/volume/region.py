"""The region's shape: per authority a council (children's services) and a police force, locality
teams and early help, a CSE team, a police CSE unit, information governance and a systems team, and
people in every role. A few hundred rows, written with the ORM."""

import dataclasses

from csepathway.accounts.models import Agency, Team, User
from csepathway.accounts.roles import Role

from .ids import seeded
from .names import FIRST_NAMES, STAFF_SURNAMES, uuid_from

LOCALITY_TEAMS = ["North Locality Team", "South Locality Team", "East Locality Team", "West Locality Team",
                  "Early Help Team"]
PRACTITIONERS_PER_TEAM = 8
# Role, team (None: one of the locality teams), how many per authority, job title.
STAFF = [
    (Role.CSE_WORKER, "CSE Team", 4, "CSE worker"),
    (Role.CSE_MANAGER, "CSE Team", 1, "CSE Team Manager"),
    (Role.MASE_CHAIR, "CSE Team", 2, "MASE Chair"),
    (Role.POLICE_COORDINATOR, "Police CSE Unit", 2, "Police CSE Coordinator"),
    # Two in information governance: lifting restrictions and disposal need two people.
    (Role.AUDITOR, "Information Governance", 2, "Information governance officer"),
    (Role.SYSTEM_ADMIN, "Systems Team", 1, "System administrator"),
]


@dataclasses.dataclass
class Authority:
    number: int
    name: str
    locality_teams: list = dataclasses.field(default_factory=list)
    practitioners: dict = dataclasses.field(default_factory=dict)  # team id -> [user]
    team_managers: dict = dataclasses.field(default_factory=dict)  # team id -> user
    staff: dict = dataclasses.field(default_factory=dict)  # role -> [user]
    teams: dict = dataclasses.field(default_factory=dict)  # name -> team


@dataclasses.dataclass
class Region:
    authorities: list[Authority]
    users: list[User]


def authority_name(number: int) -> str:
    return f"Testshire {number} (synthetic)"


def build(*, authorities: int, seed: int) -> Region:
    rng = seeded(seed, "region")
    region = Region(authorities=[], users=[])
    agencies, teams = [], []
    for number in range(1, authorities + 1):
        authority = Authority(number=number, name=authority_name(number))
        council = Agency(id=uuid_from(rng), name=f"{authority.name} Council Children's Services",
                         kind=Agency.Kind.CHILDRENS_SERVICES)
        police = Agency(id=uuid_from(rng), name=f"{authority.name} Police", kind=Agency.Kind.POLICE)
        agencies += [council, police]
        for name in [*LOCALITY_TEAMS, "CSE Team", "Police CSE Unit", "Information Governance", "Systems Team"]:
            team = Team(id=uuid_from(rng), name=f"{authority.name} {name}", is_cse_team=name == "CSE Team",
                        agency=police if name == "Police CSE Unit" else council)
            authority.teams[name] = team
            teams.append(team)
        authority.locality_teams = [authority.teams[name] for name in LOCALITY_TEAMS]
        _people(rng, authority, region.users)
        region.authorities.append(authority)
    Agency.objects.bulk_create(agencies)
    Team.objects.bulk_create(teams)
    User.objects.bulk_create(region.users)
    return region


def _user(rng, authority: Authority, role: str, team: Team, number: int, title: str) -> User:
    username = f"t{authority.number}.{role.replace('_', '.')}.{number:02d}"
    user = User(id=uuid_from(rng), username=username, first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(STAFF_SURNAMES), role=role, team=team, job_title=title,
                email=f"{username}@volume.cse-pathway.invalid", is_active=True,
                is_staff=role == Role.SYSTEM_ADMIN, is_superuser=role == Role.SYSTEM_ADMIN)
    # No one knows a generated user's password; make bench sets one for the users it signs in as.
    user.set_unusable_password()
    return user


def _people(rng, authority: Authority, users: list[User]) -> None:
    count = 0
    for team in authority.locality_teams:
        early_help = team.name.endswith("Early Help Team")
        members = []
        for _ in range(PRACTITIONERS_PER_TEAM):
            count += 1
            members.append(_user(rng, authority, Role.PRACTITIONER, team, count,
                                 "Lead professional" if early_help else "Social worker"))
        authority.practitioners[team.id] = members
        manager = _user(rng, authority, Role.TEAM_MANAGER, team, len(authority.team_managers) + 1, "Team Manager")
        authority.team_managers[team.id] = manager
        users += [*members, manager]
    for role, team_name, how_many, title in STAFF:
        people = [_user(rng, authority, role, authority.teams[team_name], n, title) for n in range(1, how_many + 1)]
        authority.staff[role] = people
        users += people
