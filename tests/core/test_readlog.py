import pytest

from core.readlog import log_read, log_reads, read_log_for


@pytest.mark.django_db
def test_it_records_who_read_what_of_whom_and_from_which_organisation(bas, chaima):
    # Any model instance stands in for a person here; youths use the same helper.
    log_read(user=bas, subject=chaima, what="profiel bekeken", path="/x/")
    log_reads(user=chaima, subjects=[chaima, bas], what="lijst", channel="api")
    entries = {(e.user.username, e.organisation_name, e.what, e.channel) for e in read_log_for(chaima)}
    assert entries == {
        ("bas", bas.organisation.name, "profiel bekeken", "web"),
        ("chaima", chaima.organisation.name, "lijst", "api"),
    }
    assert {(e.user.username, e.what) for e in read_log_for(bas)} == {("chaima", "lijst")}
