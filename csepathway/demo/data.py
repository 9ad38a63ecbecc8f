"""The synthetic demo world: obviously fictional people in an obviously fictional county."""

import datetime as dt

from csepathway.accounts.roles import Role

DEMO_PASSWORD = "demo-pathway-2026"  # noqa: S105 - published demo password for synthetic accounts

AGENCIES = [
    ("Testshire Council Children's Services", "childrens_services"),
    ("Testshire Police", "police"),
    ("Testshire Health NHS Trust (demo)", "health"),
]

TEAMS = [
    # name, agency, is the central CSE team
    ("North Locality Team", "Testshire Council Children's Services", False),
    ("South Locality Team", "Testshire Council Children's Services", False),
    ("Early Help Team", "Testshire Council Children's Services", False),
    ("CSE Team", "Testshire Council Children's Services", True),
    ("Police CSE Unit", "Testshire Police", False),
    ("Information Governance", "Testshire Council Children's Services", False),
    ("Systems Team", "Testshire Council Children's Services", False),
]

USERS = [
    # username, first name, last name, role, team, job title
    ("practitioner", "Priya", "Demo-Practitioner", Role.PRACTITIONER, "North Locality Team", "Social worker"),
    ("practitioner2", "Dan", "Demo-Colleague", Role.PRACTITIONER, "North Locality Team", "Social worker"),
    ("practitioner.south", "Sol", "Demo-South", Role.PRACTITIONER, "South Locality Team", "Social worker"),
    ("early.help", "Erin", "Demo-Earlyhelp", Role.PRACTITIONER, "Early Help Team", "Lead professional"),
    ("team.manager", "Tom", "Demo-Manager", Role.TEAM_MANAGER, "North Locality Team", "Team Manager"),
    # Every team that sends assessments has a Team Manager to sign them off (docs/adr/0043).
    ("team.manager.south", "Shay", "Demo-Southmanager", Role.TEAM_MANAGER, "South Locality Team", "Team Manager"),
    ("team.manager.early", "Ema", "Demo-Earlymanager", Role.TEAM_MANAGER, "Early Help Team", "Team Manager"),
    ("cse.worker", "Casey", "Demo-Worker", Role.CSE_WORKER, "CSE Team", "CSE worker"),
    ("cse.manager", "Morgan", "Demo-Csemanager", Role.CSE_MANAGER, "CSE Team", "CSE Team Manager"),
    ("police.coordinator", "Pat", "Demo-Police", Role.POLICE_COORDINATOR, "Police CSE Unit",
     "Police CSE Coordinator"),
    ("mase.chair", "Charlie", "Demo-Chair", Role.MASE_CHAIR, "CSE Team", "MASE Chair"),
    ("auditor", "Alex", "Demo-Auditor", Role.AUDITOR, "Information Governance", "Information governance officer"),
    # A second person in information governance: disposal and lifting restrictions need two.
    ("auditor2", "Robin", "Demo-Governance", Role.AUDITOR, "Information Governance",
     "Information governance officer"),
    ("sysadmin", "Sam", "Demo-Admin", Role.SYSTEM_ADMIN, "Systems Team", "System administrator"),
]

FIRST_NAMES = [
    "Amber", "Bailey", "Casey", "Devon", "Ellis", "Frankie", "Georgie", "Harley", "Indie", "Jordan",
    "Kai", "Logan", "Morgan", "Noor", "Oakley", "Parker", "Quinn", "Riley", "Sasha", "Taylor",
    "Umar", "Vic", "Wren", "Xander", "Yasmin", "Zara", "Ari", "Blake", "Cam", "Dani", "Eden", "Finley",
]
SURNAMES = ["Testchild", "Exampleton", "Sampleford", "Demoson", "Fictional", "Mockridge", "Placeholder", "Dummyfield"]
NICKNAMES = ["Little T", "Shorty", "Bubbles", "Kid K", "Flash", "Tiny", "Jazz", "Ace"]
PLANS = ["cin", "cp", "lac", "early_help", "none", "cin", "cp", "lac"]
LAC_STATUS = ["s20", "s31", "s38"]
GENDERS = ["girl", "boy", "girl", "boy", "non_binary", "girl", "boy", "not_known"]
SCHOOLS = ["Testshire Academy (demo)", "Example High School", "Sample Street Pupil Referral Unit", ""]
TEAM_ROTATION = ["North Locality Team", "North Locality Team", "South Locality Team", "Early Help Team"]
WORKER_BY_TEAM = {
    "North Locality Team": ["practitioner", "practitioner2"],
    "South Locality Team": ["practitioner.south"],
    "Early Help Team": ["early.help"],
}


def children(today: dt.date) -> list[dict]:
    """32 children aged 11 to 17, spread over the teams, with aliases on every fourth."""
    result = []
    for index, first_name in enumerate(FIRST_NAMES):
        team = TEAM_ROTATION[index % len(TEAM_ROTATION)]
        workers = WORKER_BY_TEAM[team]
        plan = PLANS[index % len(PLANS)]
        age = 11 + index % 7
        result.append({
            "first_name": first_name,
            "last_name": SURNAMES[index % len(SURNAMES)],
            "date_of_birth": dt.date(today.year - age - 1, 1 + index % 12, 1 + (index * 3) % 28),
            "gender": GENDERS[index % len(GENDERS)],
            "ethnicity": "Not recorded (demo)",
            "first_language": "English" if index % 5 else "Polish",
            "has_learning_disability": index % 9 == 0,
            "has_send": index % 4 == 0,
            "address": f"{index + 1} Example Street, Testshire TE1 {index % 9}ZZ",
            "address_protected": index % 11 == 0,
            "school": SCHOOLS[index % len(SCHOOLS)],
            "plan": plan,
            "lac_legal_status": LAC_STATUS[index % 3] if plan == "lac" else "",
            "lcs_reference": f"LCS-D{index + 1:04d}",
            "ehm_reference": f"EHM-D{index + 1:04d}" if team == "Early Help Team" else "",
            "team": team,
            "worker": workers[index % len(workers)],
            "aliases": [NICKNAMES[(index // 4) % len(NICKNAMES)]] if index % 4 == 0 else [],
        })
    return result
