from io import StringIO

import pytest
from django.core.management import call_command

from youths.models import DuplicateCandidate, Flag, Match, Signal, Youth


@pytest.mark.django_db
def test_the_demo_shows_every_feature_and_loads_twice_without_change(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    counts = (Youth.objects.count(), Signal.objects.count(), Match.objects.count(), Flag.objects.count())
    assert counts[0] >= 5 and counts[2] >= 1 and counts[3] >= 2
    assert Match.objects.filter(followed_up_at__isnull=False).exists()
    assert Match.objects.filter(followed_up_at__isnull=True).exists()
    assert DuplicateCandidate.objects.exists()
    assert {s.organisation.kind.code for s in Signal.objects.select_related("organisation__kind")} >= {
        "politie",
        "jongerenwerk",
        "halt",
        "school",
        "jeugdbescherming",
        "sociaal-wijkteam",
    }
    call_command("load_demo", stdout=StringIO())
    assert (
        Youth.objects.count(),
        Signal.objects.count(),
        Match.objects.count(),
        Flag.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_load_reference_lists_adds_only_what_is_missing(reference_lists):
    from youths.models import SignalCategory

    SignalCategory.objects.filter(code="wapens").update(weight=5)
    call_command("load_reference_lists", stdout=StringIO())
    assert SignalCategory.objects.get(code="wapens").weight == 5
