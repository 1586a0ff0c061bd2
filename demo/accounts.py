"""Fictional organisations and users for the local demo (`make run`). Never loaded when DEBUG is off.

The organisation kinds are reference data, not demo data: accounts.services.organisation_kinds_load.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import Organisation, OrganisationKind, User
from accounts.services import (
    organisation_access_group,
    organisation_kinds_load,
    user_create,
    user_set_role,
)
from core.audit import acting_as

DEMO_PASSWORD = "demo-pgaanpak"  # noqa: S105 - fictional local demo accounts only


ORGANISATIONS = [
    # name, kind, contact, e-mail, phone
    (
        "Gemeente Zwolle, afdeling Veiligheid",
        "gemeente",
        "Anne de Vries",
        "veiligheid@zwolle.example",
        "038 498 0000",
    ),
    (
        "Politie Oost-Nederland, basisteam Zwolle",
        "politie",
        "Bas Jansen",
        "jeugd.zwolle@politie.example",
        "0900 0000",
    ),
    (
        "Travers Welzijn, jongerenwerk",
        "jongerenwerk",
        "Chaima El Idrissi",
        "jongerenwerk@travers.example",
        "038 000 1111",
    ),
    ("Halt Oost-Nederland", "halt", "Daan Mulder", "zwolle@halt.example", "088 000 2222"),
    ("Ambelt, Wapenveld", "school", "Eva Bakker", "zorg@ambelt.example", "038 000 3333"),
    (
        "Jeugdbescherming Overijssel",
        "jeugdbescherming",
        "Fleur Smit",
        "kansrijk@jbov.example",
        "088 000 4444",
    ),
    ("Sociaal Wijkteam Zwolle", "sociaal-wijkteam", "Gijs Visser", "wijkteam@zwolle.example", "038 000 5555"),
    (
        "Ministerie van Justitie en Veiligheid",
        "ministerie",
        "Hanna de Boer",
        "pmg@minjenv.example",
        "070 000 6666",
    ),
]

USERS = [
    # username, first, last, role, organisation
    ("projectleider", "Petra", "Leijten", "projectleider", "Gemeente Zwolle, afdeling Veiligheid"),
    ("procesregisseur", "Ruben", "Regtop", "procesregisseur", "Gemeente Zwolle, afdeling Veiligheid"),
    ("politie", "Bas", "Jansen", "partner", "Politie Oost-Nederland, basisteam Zwolle"),
    ("jongerenwerk", "Chaima", "El Idrissi", "partner", "Travers Welzijn, jongerenwerk"),
    ("halt", "Daan", "Mulder", "partner", "Halt Oost-Nederland"),
    ("school", "Eva", "Bakker", "partner", "Ambelt, Wapenveld"),
    ("jbov", "Fleur", "Smit", "partner", "Jeugdbescherming Overijssel"),
    ("wijkteam", "Gijs", "Visser", "partner", "Sociaal Wijkteam Zwolle"),
    ("ministerie", "Hanna", "de Boer", "ministerie", "Ministerie van Justitie en Veiligheid"),
    ("beheerder", "Bert", "Beheer", "beheerder", "Gemeente Zwolle, afdeling Veiligheid"),
]


def organisation_of(user: User) -> Organisation:
    """A demo user's organisation (every demo user has one)."""
    if user.organisation is None:
        raise ValueError(f"Demo user {user.username} has no organisation.")
    return user.organisation


@transaction.atomic
def demo_accounts_load() -> list[User]:
    with acting_as(None):
        organisation_kinds_load(actor=None)
        kinds = {kind.code: kind for kind in OrganisationKind.objects.all()}
        for name, kind, contact, email, phone in ORGANISATIONS:
            organisation, _ = Organisation.objects.get_or_create(
                name=name,
                defaults={
                    "kind": kinds[kind],
                    "contact_name": contact,
                    "contact_email": email,
                    "contact_phone": phone,
                },
            )
            organisation_access_group(organisation)
        users = []
        for username, first, last, role, org_name in USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    actor=None,
                    username=username,
                    role=role,
                    organisation=Organisation.objects.get(name=org_name),
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@demo.example",
                    demo_account=True,
                )
            else:
                user_set_role(actor=None, user=user, role=role)
            users.append(user)
    return users
