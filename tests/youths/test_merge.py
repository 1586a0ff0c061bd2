import datetime as dt

import pytest
from auditlog.models import LogEntry

from core.errors import DomainError
from core.models import Notification
from core.readlog import log_read
from tests.factories import signal_logged
from youths.models import (
    DuplicateCandidate,
    Involvement,
    Match,
    Youth,
    YouthGroupObjectPermission,
    YouthMerge,
)
from youths.selectors import youth_get_for_user, youth_read_log_for_user
from youths.services.merging import youth_merge

BORN = dt.date(2008, 7, 1)


@pytest.fixture
def two_records(bas, chaima, reference_lists):
    """The same boy, registered twice by two organisations with a slightly different first name."""
    one = signal_logged(bas, first_name="Mohamed", last_name="Yilmaz", date_of_birth=BORN).youth
    other = signal_logged(chaima, first_name="Mohammed", last_name="Yilmaz", date_of_birth=BORN).youth
    assert one != other and not Match.objects.exists()
    return one, other


@pytest.mark.django_db
def test_the_procesregisseur_sees_possible_duplicates_and_merges_them_with_everything_attached(
    web, ruben, femke, bas, chaima, two_records
):
    survivor, duplicate = two_records
    log_read(user=chaima, subject=duplicate, what="gelezen voor de samenvoeging")
    candidate = DuplicateCandidate.objects.get()
    web.force_login(ruben)
    html = web.get("/dubbele-registraties/").content.decode()
    assert "Mohamed Yilmaz" in html and "Mohammed Yilmaz" in html

    # Choosing the survivor shows the consequences first; nothing is merged yet.
    response = web.post(f"/dubbele-registraties/{candidate.pk}/samenvoegen/", {"behouden": survivor.pk})
    assert response.status_code == 200 and "kan niet ongedaan worden gemaakt" in response.content.decode()
    assert Youth.objects.filter(pk=duplicate.pk).exists()
    response = web.post(
        f"/dubbele-registraties/{candidate.pk}/samenvoegen/", {"behouden": survivor.pk, "bevestigd": "on"}
    )
    assert response.status_code == 302 and response["Location"] == f"/jongeren/{survivor.pk}/"
    assert web.get(response["Location"]).status_code == 200  # a recent merge is still a ground
    assert not Youth.objects.filter(pk=duplicate.pk).exists()
    assert survivor.signals.count() == 2
    assert set(Involvement.objects.filter(youth=survivor).values_list("organisation", flat=True)) == {
        bas.organisation_id,
        chaima.organisation_id,
    }
    # Access follows: both organisations now see the one record; no grant points at the deleted one.
    assert youth_get_for_user(user=chaima, youth_id=survivor.pk) == survivor
    assert YouthGroupObjectPermission.objects.filter(content_object=survivor).count() == 2
    # The merge brought two organisations together: that is a match, and both are told.
    match = Match.objects.get()
    assert match.cause == Match.Cause.MERGE
    assert Notification.objects.filter(kind="match").count() == 2
    # The audit record.
    merge = YouthMerge.objects.get()
    assert (merge.survivor, merge.merged_youth_id, merge.merged_by) == (survivor, duplicate.pk, ruben)
    assert len(merge.moved["signals"]) == 1
    assert LogEntry.objects.filter(
        object_pk=str(duplicate.pk), action=LogEntry.Action.DELETE, actor=ruben
    ).exists()
    # The read log of the survivor includes reads of the merged record.
    assert "gelezen voor de samenvoeging" in {
        e.what for e in youth_read_log_for_user(user=femke, youth=survivor)
    }
    assert not DuplicateCandidate.objects.exists()


@pytest.mark.django_db
def test_different_people_are_kept_apart(web, ruben, two_records):
    candidate = DuplicateCandidate.objects.get()
    web.force_login(ruben)
    web.post(f"/dubbele-registraties/{candidate.pk}/verschillend/")
    candidate.refresh_from_db()
    assert candidate.dismissed_by == ruben
    assert Youth.objects.count() == 2
    assert "Mohammed" not in web.get("/dubbele-registraties/").content.decode()


@pytest.mark.django_db
def test_records_with_different_bsns_are_never_merged(ruben, bas, chaima, reference_lists):
    one = signal_logged(bas, first_name="Kim", last_name="Smit", date_of_birth=BORN, bsn="111222333").youth
    other = signal_logged(
        chaima, first_name="Kim", last_name="Smit", date_of_birth=BORN, bsn="100000009"
    ).youth
    with pytest.raises(DomainError):
        youth_merge(actor=ruben, survivor=one, duplicate=other)
    assert Youth.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["bas", "petra", "bert"])
def test_only_the_procesregisseur_merges(request, web, persona, two_records):
    candidate = DuplicateCandidate.objects.get()
    web.force_login(request.getfixturevalue(persona))
    assert web.get("/dubbele-registraties/").status_code == 403
    survivor = two_records[0]
    response = web.post(f"/dubbele-registraties/{candidate.pk}/samenvoegen/", {"behouden": survivor.pk})
    assert response.status_code == 403
    assert Youth.objects.count() == 2


@pytest.fixture
def merge_steps_of_this_test(monkeypatch):
    """The registered merge steps (the cases app's), restored after the test."""
    from youths import merge

    monkeypatch.setattr(merge, "_steps", dict(merge._steps))
    return merge


@pytest.mark.django_db
def test_registered_merge_steps_run_in_order_and_a_refusal_undoes_the_merge(
    ruben, two_records, merge_steps_of_this_test
):
    survivor, duplicate = two_records
    calls = []

    def counting(*, actor, duplicate, survivor):
        calls.append("counting")
        return {"seen": 1}

    def refusing(*, actor, duplicate, survivor):
        calls.append("refusing")
        raise DomainError("Nee.", field="duplicate")

    merge_steps_of_this_test.register_merge_step("counting", counting)
    merge_steps_of_this_test.register_merge_step("refusing", refusing)
    assert [s.name for s in merge_steps_of_this_test.merge_steps()] == ["case_data", "counting", "refusing"]
    with pytest.raises(DomainError):
        youth_merge(actor=ruben, survivor=survivor, duplicate=duplicate)
    assert calls == ["counting", "refusing"]
    assert Youth.objects.filter(pk=duplicate.pk).exists() and not YouthMerge.objects.exists()
