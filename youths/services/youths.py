"""Youth records: find-or-create from what a partner types, possible duplicates, the per-youth lock."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.audit import acting_as
from core.errors import DomainError

from .. import identity
from ..models import District, DuplicateCandidate, Gender, School, Youth

VIEW_YOUTH = "youths.view_youth"
# Youth services are for the 10–23 year olds of the plan; an older date of birth is almost always a typo.
MAX_AGE_YEARS = 27


@dataclass(frozen=True)
class YouthIdentity:
    """What a partner types to say who a signal is about. Only the names and date of birth are required."""

    first_name: str
    last_name: str
    date_of_birth: dt.date
    gender: str = ""
    district: District | None = None
    school: School | None = None
    bsn: str = ""


def _lock_date_of_birth(date_of_birth: dt.date) -> None:
    """Serialise find-or-create for one date of birth, so two partners logging the same new youth at the
    same moment cannot both create it. PostgreSQL only; SQLite serialises all writes anyway."""
    if connection.vendor == "postgresql":
        key = int.from_bytes(
            hashlib.sha256(f"youth:{date_of_birth}".encode()).digest()[:8], "big", signed=True
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _identity_validated(data: YouthIdentity) -> tuple[str, str, str]:
    """(first name, last name, bsn hash) after checking the identity; raises DomainError per field."""
    first, last = data.first_name.strip(), data.last_name.strip()
    if not first or not identity.normalise_name(first):
        raise DomainError(_("Vul de voornaam in."), field="first_name")
    if not last or not identity.normalise_name(last):
        raise DomainError(_("Vul de achternaam in."), field="last_name")
    today = timezone.localdate()
    if data.date_of_birth > today:
        raise DomainError(_("De geboortedatum ligt in de toekomst."), field="date_of_birth")
    if data.date_of_birth < today.replace(year=today.year - MAX_AGE_YEARS, day=min(today.day, 28)):
        raise DomainError(
            _("Controleer de geboortedatum: de jongere zou ouder zijn dan %(age)d jaar.")
            % {"age": MAX_AGE_YEARS},
            field="date_of_birth",
        )
    if data.gender and data.gender not in Gender.values:
        raise DomainError(_("Kies een geldig gender of laat het leeg."), field="gender")
    hashed = ""
    if data.bsn.strip():
        bsn = identity.bsn_normalise(data.bsn)
        if bsn is None:
            raise DomainError(_("Dit is geen geldig BSN (9 cijfers die de elfproef doorstaan)."), field="bsn")
        hashed = identity.bsn_hash(bsn)
    return first, last, hashed


def _youth_fill_blanks(youth: Youth, data: YouthIdentity, bsn_hash: str) -> None:
    """A later report may add what the record lacks; it never overwrites what another organisation gave."""
    changed = []
    for field, value in (("gender", data.gender), ("district", data.district), ("school", data.school)):
        if value and not getattr(youth, field):
            setattr(youth, field, value)
            changed.append(field)
    if bsn_hash and not youth.bsn_hash:
        youth.bsn_hash = bsn_hash
        changed.append("bsn_hash")
    if changed:
        youth.save(update_fields=changed)


@transaction.atomic
def youth_find_or_create(*, actor: Actor, data: YouthIdentity) -> Youth:
    """The youth this identity describes: an existing record when there is one, else a new record.

    Existing means: the same BSN hash and date of birth, or the same normalised name and date of birth
    (and no conflicting BSN). A new record close to an existing one is listed as a possible duplicate
    for the procesregisseur. The caller never learns which of the two happened.
    """
    first, last, hashed = _identity_validated(data)
    key = identity.name_key(first, last)
    _lock_date_of_birth(data.date_of_birth)
    bsn_conflict_with: Youth | None = None
    with acting_as(actor):
        if hashed:
            by_bsn = Youth.objects.filter(bsn_hash=hashed).first()
            if by_bsn is not None and by_bsn.date_of_birth == data.date_of_birth:
                _youth_fill_blanks(by_bsn, data, "")
                return by_bsn
            if by_bsn is not None:
                # Same BSN, other date of birth: a typo in one of them. Do not guess; keep the new record
                # without the BSN and let the procesregisseur decide.
                bsn_conflict_with, hashed = by_bsn, ""
        for existing in Youth.objects.filter(date_of_birth=data.date_of_birth, name_key=key).order_by("pk"):
            if not hashed or not existing.bsn_hash or existing.bsn_hash == hashed:
                _youth_fill_blanks(existing, data, hashed)
                return existing
        youth = Youth.objects.create(
            first_name=first,
            last_name=last,
            date_of_birth=data.date_of_birth,
            gender=data.gender,
            district=data.district,
            school=data.school,
            name_key=key,
            bsn_hash=hashed,
        )
        _duplicates_detect(youth=youth, bsn_conflict_with=bsn_conflict_with)
    return youth


def _duplicates_detect(*, youth: Youth, bsn_conflict_with: Youth | None = None) -> None:
    """List records with the same date of birth and a similar name (about 30 rows per date at scale)."""
    for other in Youth.objects.filter(date_of_birth=youth.date_of_birth).exclude(pk=youth.pk):
        if youth.bsn_hash and other.bsn_hash and youth.bsn_hash != other.bsn_hash:
            continue  # two different BSNs: two different people
        score = identity.name_similarity(youth.name_key, other.name_key)
        if score >= identity.SIMILAR_NAME_THRESHOLD:
            _duplicate_candidate_add(youth, other, DuplicateCandidate.Reason.SIMILAR_NAME, score)
    if bsn_conflict_with is not None:
        _duplicate_candidate_add(youth, bsn_conflict_with, DuplicateCandidate.Reason.BSN_CONFLICT, 1.0)


def _duplicate_candidate_add(one: Youth, other: Youth, reason: str, score: float) -> None:
    a, b = sorted((one.pk, other.pk))
    DuplicateCandidate.objects.get_or_create(
        youth_a_id=a, youth_b_id=b, defaults={"reason": reason, "score": round(score, 3)}
    )


@transaction.atomic
def duplicate_dismiss(*, actor: Actor, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """The procesregisseur decided the two records are different people."""
    with acting_as(actor):
        if candidate.dismissed_at is None:
            candidate.dismissed_at = timezone.now()
            candidate.dismissed_by = actor
            candidate.save(update_fields=["dismissed_at", "dismissed_by"])
    return candidate


def youth_lock(youth: Youth) -> Youth:
    """Serialise all changes about one youth (involvement, matches, flags) in this transaction."""
    return Youth.objects.select_for_update().get(pk=youth.pk)
