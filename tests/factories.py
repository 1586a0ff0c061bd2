"""factory_boy factories shared by all tests."""

from __future__ import annotations

import factory

from accounts.models import Organisation, OrganisationKind, User
from accounts.services import organisation_access_group, user_set_role


class OrganisationKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationKind
        django_get_or_create = ("code",)

    code = "overig"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = factory.SubFactory(OrganisationKindFactory)
    contact_name = factory.Faker("name", locale="nl_NL")
    contact_email = factory.LazyAttribute(lambda o: f"contact@{o.name.split()[0].lower()}.example")
    contact_phone = "038 000 0000"

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
    from monitoring.services import allocation_set
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
