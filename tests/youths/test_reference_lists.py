from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import OrganisationKind
from youths.models import SignalCategory


@pytest.mark.django_db
def test_load_reference_lists_adds_only_what_is_missing(reference_lists):
    SignalCategory.objects.filter(code="wapens").update(weight=5)
    call_command("load_reference_lists", stdout=StringIO())
    assert SignalCategory.objects.get(code="wapens").weight == 5


@pytest.mark.django_db
def test_load_reference_lists_seeds_the_organisation_kinds_without_the_demo():
    OrganisationKind.objects.create(code="halt", name="Halt (eigen naam)")
    call_command("load_reference_lists", stdout=StringIO())
    assert OrganisationKind.objects.get(code="halt").name == "Halt (eigen naam)"
    assert OrganisationKind.objects.get(code="leerplicht").name == "Leerplicht / RMC"
    assert OrganisationKind.objects.count() == 12
