"""factory_boy factories shared by all tests."""

from __future__ import annotations

import datetime as dt

import factory

from accounts.models import Organisation, OrganisationKind, SharingBasis, User
from accounts.services import organisation_access_group, user_set_role


class OrganisationKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationKind
        django_get_or_create = ("code",)

    code = "overig"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class SharingBasisFactory(factory.django.DjangoModelFactory):
    """An agreed basis: an organisation without one cannot log signals (youths.services.signals)."""

    class Meta:
        model = SharingBasis
        django_get_or_create = ("covenant", "articles")

    covenant = "Convenant Preventie met Gezag Zwolle"
    articles = "art. 5 en 6; AVG art. 6 lid 1 sub e"
    agreement_date = dt.date(2024, 6, 1)
    agreement_status = "akkoord"
    agreed_by = "Stuurgroep Preventie met Gezag"
    agreed_on = dt.date(2024, 6, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = factory.SubFactory(OrganisationKindFactory)
    # Plain names: a generated one with an apostrophe would be HTML-escaped and flake page assertions.
    contact_name = factory.Sequence(lambda n: f"Contactpersoon {n}")
    contact_email = factory.LazyAttribute(lambda o: f"contact@{o.name.split()[0].lower()}.example")
    contact_phone = "038 000 0000"
    sharing_basis = factory.SubFactory(SharingBasisFactory)

    @factory.post_generation
    def access_group(obj: Organisation, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            organisation_access_group(obj)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.example")
    organisation = factory.SubFactory(OrganisationFactory)
    role = "partner"
    password = factory.django.Password("wachtwoord-test-123")

    @factory.post_generation
    def sync_role(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            user_set_role(actor=None, user=obj, role=obj.role)


# --- Monitoring ------------------------------------------------------------------------------------


def budget_allocation(*, intervention_code: str, amount: str, year_number: int = 1, actor: object = None):
    """An allocation through the service (which enforces the cap), for a loaded plan."""
    from monitoring.services.budget import allocation_set
    from tracks.models import BudgetYear, Intervention

    intervention = Intervention.objects.select_related("track").get(code=intervention_code)
    return allocation_set(
        actor=actor,
        budget_year=BudgetYear.objects.get(number=year_number),
        track=intervention.track,
        intervention=intervention,
        amount=amount,
    )


class BudgetSpendingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitoring.BudgetSpending"

    allocation = None
    amount = "100.00"
    description = factory.Sequence(lambda n: f"Factuur {n}")
    created_by = factory.SubFactory(UserFactory, role="projectleider")


# --- youths -------------------------------------------------------------------------------------


from youths.identity import name_key  # noqa: E402
from youths.models import District, Domain, School, SignalCategory, Youth  # noqa: E402


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = "holtenbroek"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"School {n}")
    place = "Zwolle"


class SignalCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignalCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"categorie-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
    description = "Een categorie voor tests."
    weight = 1


class YouthFactory(factory.django.DjangoModelFactory):
    """A youth row without any signal: nobody is involved, so only view_all users can see it."""

    class Meta:
        model = Youth

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = factory.Faker(
        "date_between", start_date=dt.date(2008, 1, 1), end_date=dt.date(2014, 12, 31)
    )
    name_key = factory.LazyAttribute(lambda y: name_key(y.first_name, y.last_name))


def signal_logged(
    user: User,
    youth: Youth | None = None,
    *,
    category: str = "overlast-straat",
    domain: str = Domain.STREET,
    observed_on: dt.date | None = None,
    description: str = "Met een groep jongeren luid aanwezig bij het winkelcentrum, bewoners aangesproken.",
    first_name: str = "Sanne",
    last_name: str = "de Vries",
    date_of_birth: dt.date = dt.date(2010, 5, 17),
    bsn: str = "",
    intervention=None,
):
    """Log a signal the way a partner does (through the service): involvement, grants, matches, flags."""
    from django.utils import timezone

    from youths.services.signals import signal_log
    from youths.services.youths import YouthIdentity

    identity = None
    if youth is None:
        identity = YouthIdentity(
            first_name=first_name, last_name=last_name, date_of_birth=date_of_birth, bsn=bsn
        )
    return signal_log(
        actor=user,
        youth=youth,
        identity_data=identity,
        category=SignalCategory.objects.get(code=category),
        domain=domain,
        observed_on=observed_on or timezone.localdate(),
        description=description,
        intervention=intervention,
    )
