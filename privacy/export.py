"""Everything the platform holds about one youth (AVG art. 15, the right of access), as data and as PDF.

`youth_export(youth)` gathers every kind of record about the youth from every organisation: the identity
record, involvements, signals with their texts, matches, flags, possible duplicates and merges, agenda
items with minutes and decisions, cases (transitions, organisations, goals, enrolments, handovers,
escalations), actions (with a #kansRIJK or Halt assessment), partners' requests to discuss the youth,
informing the family, the platform's notices that name the youth, family links, group memberships, the
read log (who read what, when) and the data-subject requests themselves. Each record lists every stored
field, so a field added later is exported without a change here; the only fields left out are derived
keys and hashes (`_LEFT_OUT`), which say nothing the other fields do not. A new kind of record about a
youth adds a section to `SECTIONS` (tests/privacy/test_export.py builds a youth with every kind and fails
on a kind that is missing).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from cases.models import Action, AgendaItem, Case, FamilyLink, Referral, YouthGroupMember
from core.models import Notification, ReadLogEntry
from youths.models import (
    DuplicateCandidate,
    FamilyInforming,
    Flag,
    Involvement,
    Match,
    Signal,
    Youth,
    YouthMerge,
)

from .models import DataSubjectRequest

# Derived matching keys and hashes: recomputed from the other fields, and the BSN hash must not spread.
_LEFT_OUT = {"name_key", "bsn_hash", "trigger_key", "row_hash"}


def _value(obj: models.Model, field: models.Field[Any, Any]) -> Any:
    if field.is_relation:
        related_id = getattr(obj, field.attname)
        if related_id is None:
            return None
        return {"id": related_id, "naam": str(getattr(obj, field.name))}
    if field.choices:
        raw = getattr(obj, field.attname)
        return {"code": raw, "omschrijving": str(dict(field.flatchoices).get(raw, raw))} if raw else raw
    value = getattr(obj, field.attname)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record(obj: models.Model, **extra: Any) -> dict[str, Any]:
    """Every stored field of the row (foreign keys as id and name, choices as code and label)."""
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name not in _LEFT_OUT:
            row[field.name] = _value(obj, field)
    row.update(extra)
    return row


def _records(rows: Iterable[models.Model], **extra: Callable[[Any], Any]) -> list[dict[str, Any]]:
    return [record(row, **{key: build(row) for key, build in extra.items()}) for row in rows]


def _merged_ids(youth: Youth) -> list[int]:
    return [youth.pk, *YouthMerge.objects.filter(survivor=youth).values_list("merged_youth_id", flat=True)]


SECTIONS: dict[str, Callable[[Youth], list[dict[str, Any]]]] = {
    "jongere": lambda y: [record(y)],
    "betrokkenheid": lambda y: _records(
        Involvement.objects.filter(youth=y).prefetch_related("reasons"),
        redenen=lambda i: [record(r) for r in i.reasons.all()],
    ),
    "signalen": lambda y: _records(Signal.objects.filter(youth=y).order_by("observed_on", "pk")),
    "matches": lambda y: _records(
        Match.objects.filter(youth=y).prefetch_related("participants__organisation"),
        organisaties=lambda m: [str(p.organisation) for p in m.participants.all()],
    ),
    "signaleringen": lambda y: _records(
        Flag.objects.filter(youth=y).prefetch_related("signals"),
        signalen=lambda f: sorted(s.pk for s in f.signals.all()),
    ),
    "mogelijke_dubbele_registraties": lambda y: _records(
        DuplicateCandidate.objects.filter(Q(youth_a=y) | Q(youth_b=y))
    ),
    "samenvoegingen": lambda y: _records(YouthMerge.objects.filter(survivor=y)),
    "agendapunten": lambda y: _records(
        AgendaItem.objects.filter(youth=y).select_related("meeting").order_by("meeting__starts_at", "pk"),
        overleg=lambda a: record(a.meeting),
    ),
    "casussen": lambda y: _records(
        Case.objects.filter(youth=y).order_by("opened_at", "pk"),
        statusovergangen=lambda c: [record(t) for t in c.transitions.order_by("at", "pk")],
        organisaties=lambda c: [record(o) for o in c.organisation_roles.order_by("added_at", "pk")],
        doelen=lambda c: [record(g) for g in c.goals.order_by("pk")],
        trajecten=lambda c: [record(e) for e in c.enrolments.order_by("pk")],
        overdrachten=lambda c: [record(h) for h in c.handovers.order_by("pk")],
        opschalingen=lambda c: [record(e) for e in c.escalations.order_by("pk")],
    ),
    "acties": lambda y: _records(
        Action.objects.filter(youth=y).select_related("assessment").order_by("created_at", "pk"),
        beoordeling=lambda a: record(a.assessment) if hasattr(a, "assessment") else None,
    ),
    "aanmeldingen": lambda y: _records(Referral.objects.filter(youth=y).order_by("created_at", "pk")),
    "informeren_gezin": lambda y: _records(FamilyInforming.objects.filter(youth=y).order_by("pk")),
    "meldingen": lambda y: _records(Notification.objects.filter(youth_id__in=_merged_ids(y)).order_by("pk")),
    "gezinsrelaties": lambda y: _records(
        FamilyLink.objects.filter(Q(case__youth=y) | Q(linked_youth=y)).order_by("created_at", "pk")
    ),
    "groepslidmaatschappen": lambda y: _records(
        YouthGroupMember.objects.filter(youth=y).select_related("youth_group").order_by("added_at", "pk"),
        groep=lambda m: record(m.youth_group),
    ),
    "leeslog": lambda y: _records(
        ReadLogEntry.objects.filter(subject_type=y._meta.label_lower, subject_id__in=_merged_ids(y)).order_by(
            "read_at", "pk"
        )
    ),
    "verzoeken_van_betrokkene": lambda y: _records(
        DataSubjectRequest.objects.filter(youth=y).prefetch_related("routings"),
        doorgeleidingen=lambda r: [record(x) for x in r.routings.all()],
    ),
}

SECTION_TITLES = {
    "jongere": "De jongere",
    "betrokkenheid": "Betrokken organisaties",
    "signalen": "Signalen",
    "matches": "Matches",
    "signaleringen": "Signaleringen (vroegsignalering)",
    "mogelijke_dubbele_registraties": "Mogelijke dubbele registraties",
    "samenvoegingen": "Samengevoegde registraties",
    "agendapunten": "Agendapunten en besluiten",
    "casussen": "Casussen",
    "acties": "Acties",
    "aanmeldingen": "Aanmeldingen voor bespreking",
    "informeren_gezin": "Informeren van jongere en ouders",
    "meldingen": "Meldingen op het platform die de jongere noemen",
    "gezinsrelaties": "Gezinsrelaties",
    "groepslidmaatschappen": "Jeugdgroepen",
    "leeslog": "Leeslog: wie heeft wat ingezien, en wanneer",
    "verzoeken_van_betrokkene": "Verzoeken van de betrokkene",
}


def youth_export(youth: Youth) -> dict[str, Any]:
    """The export as one JSON-ready object: when it was made, and per section its records."""
    return {
        "gemaakt_op": timezone.localtime().isoformat(),
        "jongere_id": youth.pk,
        "onderdelen": {name: build(youth) for name, build in SECTIONS.items()},
    }


def _lines(value: Any, indent: str = "") -> list[str]:
    if isinstance(value, dict):
        if set(value) == {"id", "naam"}:
            return [f"{indent}{value['naam']}"]
        if set(value) == {"code", "omschrijving"}:
            return [f"{indent}{value['omschrijving']}"]
        out: list[str] = []
        for key, item in value.items():
            sub = _lines(item, indent + "  ")
            if len(sub) == 1 and not isinstance(item, dict | list):
                out.append(f"{indent}{key}: {sub[0].strip()}")
            else:
                out.append(f"{indent}{key}:")
                out += sub
        return out
    if isinstance(value, list):
        out = []
        for item in value:
            out += _lines(item, indent + "  ")
        return out or [f"{indent}(geen)"]
    return [f"{indent}{'' if value is None else value}"]


def youth_export_pdf(data: dict[str, Any]) -> bytes:
    """A readable PDF of the export: per section its records, each field on a line."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    stream = io.BytesIO()
    doc = SimpleDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=1.6 * cm,
        rightMargin=1.6 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.6 * cm,
        title="Inzage: gegevens over een jongere",
        author="pgaanpak",
        lang="nl",
    )
    story: list[Any] = [
        Paragraph("Inzage: alle gegevens over een jongere (art. 15 AVG)", styles["Title"]),
        Paragraph(escape(f"Gemaakt op {data['gemaakt_op']}"), styles["BodyText"]),
        Spacer(1, 0.4 * cm),
    ]
    for name, rows in data["onderdelen"].items():
        story.append(Paragraph(escape(SECTION_TITLES.get(name, name)), styles["Heading2"]))
        if not rows:
            story.append(Paragraph("Geen gegevens.", small))
        for number, row in enumerate(rows, start=1):
            story.append(Paragraph(escape(f"{number}."), styles["Heading4"]))
            for line in _lines(row):
                story.append(Paragraph(escape(line).replace("  ", "&nbsp;&nbsp;"), small))
        story.append(Spacer(1, 0.3 * cm))
    doc.build(story)
    return stream.getvalue()
