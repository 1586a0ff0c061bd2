import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from tests.factories import signal_logged
from youths import identity
from youths.models import DuplicateCandidate, Youth
from youths.services.youths import YouthIdentity, youth_find_or_create

VALID_BSN = "111222333"  # passes the elfproef; fictional


def test_names_are_normalised_for_case_accents_spaces_and_hyphens():
    assert identity.name_key("Sanne", "de Vries") == identity.name_key(" sanne ", "DE  VRIES")
    assert identity.name_key("Zoë", "Öztürk-Jansen") == identity.name_key("Zoe", "ozturk jansen")
    assert identity.name_key("Sanne", "de Vries") != identity.name_key("Sanne", "de Vos")


def test_a_bsn_must_pass_the_elfproef():
    assert identity.bsn_normalise("111 222 333") == VALID_BSN
    assert identity.bsn_normalise("123456789") is None
    assert identity.bsn_normalise("12345") is None
    assert identity.bsn_normalise("abcdefghi") is None


def test_the_bsn_hash_is_keyed(settings):
    first = identity.bsn_hash(VALID_BSN)
    settings.BSN_HASH_KEY = "another-key"
    assert identity.bsn_hash(VALID_BSN) != first
    assert VALID_BSN not in first


def test_similar_names_score_high_and_different_names_low():
    assert (
        identity.name_similarity("mohamed elamrani", "mohammed elamrani") >= identity.SIMILAR_NAME_THRESHOLD
    )
    assert identity.name_similarity("devries sanne", "sanne devries") == 1.0  # swapped first and last name
    assert identity.name_similarity("sanne devries", "milan bakker") < identity.SIMILAR_NAME_THRESHOLD


def _identity(**overrides):
    values = {"first_name": "Sanne", "last_name": "de Vries", "date_of_birth": dt.date(2010, 5, 17)}
    return YouthIdentity(**{**values, **overrides})


@pytest.mark.django_db
def test_logging_about_an_existing_youth_reaches_the_existing_record(bas):
    first = youth_find_or_create(actor=bas, data=_identity())
    again = youth_find_or_create(actor=bas, data=_identity(first_name="SANNE", last_name="De vries"))
    assert again == first
    assert Youth.objects.count() == 1


@pytest.mark.django_db
def test_the_same_bsn_and_date_of_birth_reach_the_existing_record_despite_a_typo_in_the_name(bas):
    first = youth_find_or_create(actor=bas, data=_identity(bsn=VALID_BSN))
    again = youth_find_or_create(actor=bas, data=_identity(first_name="Sane", bsn="111.222.333"))
    assert again == first


@pytest.mark.django_db
def test_the_bsn_is_stored_only_as_a_keyed_hash_and_never_in_the_audit_log(bas):
    youth = youth_find_or_create(actor=bas, data=_identity(bsn=VALID_BSN))
    youth.refresh_from_db()
    assert youth.bsn_hash == identity.bsn_hash(VALID_BSN)
    assert VALID_BSN not in str(Youth.objects.filter(pk=youth.pk).values().get())
    for entry in LogEntry.objects.all():
        assert VALID_BSN not in str(entry.changes) and youth.bsn_hash not in str(entry.changes)


@pytest.mark.django_db
def test_an_invalid_bsn_is_refused_and_nothing_is_saved(bas):
    from core.errors import DomainError

    with pytest.raises(DomainError) as error:
        youth_find_or_create(actor=bas, data=_identity(bsn="123456789"))
    assert error.value.field == "bsn"
    assert Youth.objects.count() == 0


@pytest.mark.django_db
def test_a_later_report_fills_blanks_but_never_overwrites(bas, chaima):
    from tests.factories import DistrictFactory

    holtenbroek, centrum = DistrictFactory(code="holtenbroek"), DistrictFactory(code="centrum")
    youth = youth_find_or_create(actor=bas, data=_identity(district=holtenbroek))
    youth_find_or_create(actor=chaima, data=_identity(district=centrum, gender="v"))
    youth.refresh_from_db()
    assert youth.district == holtenbroek
    assert youth.gender == "v"


@pytest.mark.django_db
def test_close_names_with_the_same_date_of_birth_are_listed_as_possible_duplicates(bas, chaima):
    one = youth_find_or_create(actor=bas, data=_identity(first_name="Mohamed", last_name="El Amrani"))
    other = youth_find_or_create(actor=chaima, data=_identity(first_name="Mohammed", last_name="El-Amrani"))
    unrelated = youth_find_or_create(actor=chaima, data=_identity(first_name="Milan", last_name="Bakker"))
    assert one != other
    candidate = DuplicateCandidate.objects.get()
    assert {candidate.youth_a, candidate.youth_b} == {one, other}
    assert candidate.reason == DuplicateCandidate.Reason.SIMILAR_NAME
    assert unrelated not in (candidate.youth_a, candidate.youth_b)


@pytest.mark.django_db
def test_two_different_bsns_are_two_people_and_no_duplicate(bas, chaima):
    one = youth_find_or_create(actor=bas, data=_identity(bsn=VALID_BSN))
    other = youth_find_or_create(actor=chaima, data=_identity(bsn="100000009"))
    assert one != other
    assert not DuplicateCandidate.objects.exists()


@pytest.mark.django_db
def test_the_same_bsn_with_another_date_of_birth_is_not_guessed_but_shown_to_the_procesregisseur(bas, chaima):
    one = youth_find_or_create(actor=bas, data=_identity(bsn=VALID_BSN))
    other = youth_find_or_create(
        actor=chaima, data=_identity(first_name="Kees", date_of_birth=dt.date(2010, 5, 18), bsn=VALID_BSN)
    )
    assert one != other and other.bsn_hash == ""
    assert DuplicateCandidate.objects.get().reason == DuplicateCandidate.Reason.BSN_CONFLICT


@pytest.mark.django_db
def test_an_implausible_date_of_birth_is_refused(bas, reference_lists):
    from core.errors import DomainError

    with pytest.raises(DomainError) as error:
        signal_logged(bas, date_of_birth=dt.date(1960, 1, 1))
    assert error.value.field == "date_of_birth"
    with pytest.raises(DomainError):
        signal_logged(bas, date_of_birth=timezone.localdate() + dt.timedelta(days=3))
    assert Youth.objects.count() == 0
