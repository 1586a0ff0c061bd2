"""The demo's history (demo/monitoring.py): about fifteen months of signals, matches and flags, and a
year of early-signal meetings whose decisions open cases that move through their statuses, with
enrolments, actions and, when old enough, their closing outcome. It feeds the charts per month and
the case-based indicators.

Everything is done through the youths and cases services; afterwards each row is dated when it
happened (its timestamps moved into the past). Demo only: the platform itself never back-dates.
Deterministic for a given day (one random generator per youth, per meeting and per case) and
idempotent: a youth or meeting that is already there is skipped.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from accounts.models import User
from cases.models import (
    Action,
    AgendaItem,
    Case,
    CaseOrganisation,
    CaseTransition,
    FollowUpType,
    LegalBasis,
    Meeting,
)
from cases.services import actions as action_services
from cases.services import core as case_services
from cases.services import meetings as meeting_services
from core.models import Notification, NotificationRead
from tracks.models import Intervention
from youths.identity import name_key
from youths.models import District, Flag, Involvement, Match, Signal, SignalCategory, Youth
from youths.services.flags import flags_evaluate
from youths.services.matches import match_follow_up
from youths.services.signals import signal_log
from youths.services.youths import YouthIdentity

from .accounts import organisation_of

HISTORY_DESCRIPTION = "Demo: fictieve waarneming voor de maandcijfers."
HISTORY_LOCATION = "Stadskantoor Zwolle, vergaderzaal 3 (demo)"
HISTORY_MONTHS = 12

# The signal history: fictional names only.
BOYS = ["Daan", "Sem", "Levi", "Finn", "Milan", "Luuk", "Ayoub", "Bram", "Thijs", "Jayden", "Rayan", "Tim"]
GIRLS = ["Lotte", "Saar", "Noor", "Yara", "Lina", "Fleur", "Amira", "Isa", "Zoë", "Nora", "Evi", "Hiba"]
SURNAMES = [
    "Kuipers",
    "Hendriks",
    "Mulder",
    "Brouwer",
    "Koster",
    "Postma",
    "Dijkstra",
    "Boukhari",
    "Veenstra",
    "Wolters",
    "Hoekstra",
    "Schuurman",
]
# Where the concerns come from, per organisation: (category, domain, intervention or "").
ORGANISATION_SIGNALS = {
    "politie": [
        ("overlast-straat", "street", ""),
        ("wapens", "street", ""),
        ("drugs", "street", ""),
        ("vernieling-diefstal", "street", ""),
        ("online-conflict", "online", ""),
    ],
    "jongerenwerk": [
        ("overlast-straat", "street", "2.1.1"),
        ("online-conflict", "online", "2.1.1"),
        ("alcohol", "street", ""),
        ("slachtofferschap", "online", "2.1.1"),
    ],
    "halt": [("vernieling-diefstal", "street", "2.1.3"), ("grensoverschrijdend", "school", "2.1.3")],
    "school": [
        ("schoolverzuim", "school", ""),
        ("grensoverschrijdend", "school", "3.1.2"),
        ("online-conflict", "online", "3.1.2"),
    ],
    "jbov": [("crimineel-netwerk", "street", "2.1.2"), ("lvb", "home", "2.1.2")],
    "wijkteam": [("zorgen-thuis", "home", ""), ("lvb", "home", "")],
}
# Youth work works in West and Noord: more youths from those districts.
DISTRICT_WEIGHTS = {
    "holtenbroek": 5,
    "aa-landen": 4,
    "stadshagen": 4,
    "westenholte": 3,
    "diezerpoort": 3,
    "assendorp": 2,
    "wipstrik": 2,
    "zwolle-zuid": 2,
    "centrum": 1,
    "berkum": 1,
}
HISTORY_DAYS = 450
HISTORY_YOUTHS = 60


def _old_news(before: dt.datetime, moment: dt.datetime, users: Any) -> None:
    """The notifications made since `before` were sent, e-mailed and read back then, at `moment`."""
    for user in users:
        made = Notification.objects.filter(created_at__gte=before, organisation_id=user.organisation_id)
        made.update(created_at=moment, emailed_at=moment)
        NotificationRead.objects.bulk_create(
            [
                NotificationRead(notification_id=pk, user=user, read_at=moment + dt.timedelta(hours=2))
                for pk in made.values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )


# --- Signals, matches and flags ---------------------------------------------------------------------


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=timezone.get_current_timezone()
    )


def demo_signal_history_load(*, today: dt.date) -> int:
    """About fifteen months of signals about sixty fictional youths, logged through the youths services
    (involvement, matches, notifications, combination rules) and then dated when they happened, so that
    the monthly figures have a history. Demo only: moving timestamps is never done outside the demo.

    Deterministic for a given day; a youth that is already there is skipped with its signals."""
    users = {u.username: u for u in User.objects.filter(username__in=list(ORGANISATION_SIGNALS))}
    if len(users) < len(ORGANISATION_SIGNALS):
        return 0
    categories = {c.code: c for c in SignalCategory.objects.all()}
    districts = {d.code: d for d in District.objects.filter(code__in=list(DISTRICT_WEIGHTS))}
    interventions = {i.code: i for i in Intervention.objects.all()}
    logged = 0
    for n in range(HISTORY_YOUTHS):
        # One generator per youth: a youth that is skipped does not shift the others.
        rng = random.Random(f"pgaanpak-demo-{n}")  # noqa: S311 - fictional demo data, not security
        is_girl = n % 3 == 1
        first = (GIRLS if is_girl else BOYS)[n % 12]
        last = SURNAMES[(n * 5 + n // 12) % len(SURNAMES)]
        born = dt.date(2007, 1, 1) + dt.timedelta(days=rng.randint(0, 8 * 365))
        district = rng.choices(list(DISTRICT_WEIGHTS), weights=list(DISTRICT_WEIGHTS.values()))[0]
        # 1 to 4 signals: one in three youths has a single signal, a few have many.
        count = rng.choices([1, 2, 3, 4], weights=[4, 3, 3, 2])[0]
        start = today - dt.timedelta(days=rng.randint(20, HISTORY_DAYS))
        days = sorted({start + dt.timedelta(days=rng.randint(0, 120)) for _ in range(count - 1)} | {start})
        days = [d for d in days if d < today]
        organisations = rng.sample(list(ORGANISATION_SIGNALS), k=min(len(days), rng.choice([1, 2, 2, 3])))
        if Youth.objects.filter(name_key=name_key(first, last), date_of_birth=born).exists():
            continue
        youth = None
        for index, day in enumerate(days):
            username = organisations[index % len(organisations)]
            category, domain, intervention = rng.choice(ORGANISATION_SIGNALS[username])
            before = timezone.now()
            signal = signal_log(
                actor=users[username],
                youth=youth,
                identity_data=None
                if youth
                else YouthIdentity(
                    first_name=first,
                    last_name=last,
                    date_of_birth=born,
                    gender="v" if is_girl else "m",
                    district=districts.get(district),
                ),
                category=categories[category],
                domain=domain,
                observed_on=day,
                description=HISTORY_DESCRIPTION,
                intervention=interventions.get(intervention),
            )
            youth = signal.youth
            moment = _moment(day, rng)
            Signal.objects.filter(pk=signal.pk).update(created_at=moment)
            Youth.objects.filter(pk=youth.pk).update(last_activity_at=moment)
            Youth.objects.filter(pk=youth.pk, created_at__gte=before).update(created_at=moment)
            Involvement.objects.filter(youth=youth, last_activity_at__gte=before).update(
                last_activity_at=moment
            )
            Involvement.objects.filter(youth=youth, started_at__gte=before).update(started_at=moment)
            matches = list(Match.objects.filter(trigger_signal=signal))
            Match.objects.filter(trigger_signal=signal).update(created_at=moment)
            flags = {f.pk for f in flags_evaluate(youth=youth, today=day)}
            flags |= set(Flag.objects.filter(youth=youth, raised_at__gte=before).values_list("pk", flat=True))
            Flag.objects.filter(pk__in=flags).update(raised_at=moment + dt.timedelta(minutes=1))
            _old_news(before, moment, users.values())
            for match in matches:
                _demo_follow_up(match, moment, today, users, rng)
            logged += 1
    return logged


def _demo_follow_up(
    match: Match, moment: dt.datetime, today: dt.date, users: dict[str, User], rng: Any
) -> None:
    """Most matches followed up within the term, some late, some not yet (the overdue list)."""
    delay = rng.choices([rng.randint(1, 12), rng.randint(16, 30), None], weights=[7, 2, 1])[0]
    if delay is None or (moment + dt.timedelta(days=delay)).date() >= today:
        return
    participant = match.participants.select_related("organisation").order_by("pk").first()
    if participant is None:
        return
    actor = next((u for u in users.values() if u.organisation_id == participant.organisation_id), None)
    if actor is None:
        return
    match.created_at = moment
    followed = moment + dt.timedelta(days=delay)
    match_follow_up(
        actor=actor,
        match=match,
        in_touch_on=followed.date(),
        lead_organisation=participant.organisation,
        note="Demo: contact gehad, afspraken gemaakt.",
    )
    Match.objects.filter(pk=match.pk).update(followed_up_at=followed)


# --- Meetings and cases ------------------------------------------------------------------------------

# After an early-signal meeting: share of the flagged youths that get a case, follow-up actions or none.
DECISIONS = [("casus", 5), ("vervolgacties", 3), ("geen_actie", 2)]
# Where a case's youth takes part: the contextgerichte aanpak mostly, OOZA for the older ones, Halt.
ENROLMENTS = [("1.1.1", 5), ("3.1.1", 4), ("2.1.3", 2)]
# Days after opening: research, plan, execution; closing after CLOSE_AFTER days when that has passed.
STEPS = [("in_onderzoek", 10), ("plan_van_aanpak", 35), ("in_uitvoering", 50)]
CLOSE_AFTER = (110, 200)
PERSPECTIVES = [("werk", 3), ("beroepsonderwijs", 4), ("dagbesteding", 2), ("combinatie", 2), ("geen", 2)]
QUALIFICATIONS = [("diploma", 4), ("deelcertificaat", 3), ("praktijkverklaring", 2), ("geen", 2)]


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _w in weighted], weights=[w for _v, w in weighted])[0]


def _second_tuesday(month: dt.date) -> dt.datetime:
    first = month.replace(day=1)
    day = first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7)
    return dt.datetime.combine(day, dt.time(14, 0), tzinfo=timezone.get_current_timezone())


def demo_case_history_load(*, today: dt.date) -> int:
    """A vroegsignaleringsoverleg on the second Tuesday of each of the last twelve months discusses the
    history youths flagged before it: some get a case, some follow-up actions, some no further action.
    The cases move through their statuses, enrol the youth in an intervention, give an action, and close
    with their outcome when enough time has passed. Returns the number of meetings added."""
    users = {u.username: u for u in User.objects.filter(organisation__isnull=False)}
    ruben = users.get("procesregisseur")
    basis = LegalBasis.objects.filter(code="wettelijke-taak").first()
    types = {t.code: t for t in FollowUpType.objects.filter(is_active=True)}
    if ruben is None or basis is None or "gesprek-jongerenwerk" not in types:
        return 0
    partners = [users[u] for u in ("politie", "jongerenwerk", "halt", "school", "wijkteam") if u in users]
    month = today.replace(day=1)
    meetings = 0
    for _ in range(HISTORY_MONTHS):
        month = (month - dt.timedelta(days=1)).replace(day=1)
    for _ in range(HISTORY_MONTHS):
        starts_at = _second_tuesday(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
        if starts_at.date() > today - dt.timedelta(days=3):
            break
        if Meeting.objects.filter(location=HISTORY_LOCATION, starts_at=starts_at).exists():
            continue
        flags = list(
            Flag.objects.filter(
                status=Flag.Status.OPEN,
                raised_at__lt=starts_at,
                youth__signals__description=HISTORY_DESCRIPTION,
            )
            .exclude(agenda_items__decision="")
            .distinct()
            .order_by("raised_at", "pk")
        )
        if not flags:
            continue
        before = timezone.now()
        meeting = meeting_services.meeting_create(
            actor=ruben,
            kind=Meeting.Kind.VROEGSIGNALERING,
            starts_at=starts_at,
            chair=ruben,
            organisations=[organisation_of(u) for u in partners],
            attendees=partners,
            location=HISTORY_LOCATION,
        )
        for flag in flags:
            _discuss(flag, meeting, ruben, basis, types, users, today)
        AgendaItem.objects.filter(meeting=meeting).update(
            legal_basis_recorded_at=starts_at, decided_at=starts_at + dt.timedelta(hours=1)
        )
        Flag.objects.filter(pk__in=[f.pk for f in flags]).update(closed_at=starts_at + dt.timedelta(hours=1))
        _old_news(before, starts_at + dt.timedelta(hours=1), users.values())
        meetings += 1
    return meetings


def _discuss(
    flag: Flag,
    meeting: Meeting,
    ruben: User,
    basis: LegalBasis,
    types: dict[str, FollowUpType],
    users: dict[str, User],
    today: dt.date,
) -> None:
    rng = random.Random(f"pgaanpak-demo-flag-{flag.youth_id}-{flag.rule_id}")  # noqa: S311 - demo data
    item = meeting_services.agenda_item_add(actor=ruben, meeting=meeting, flag=flag)
    meeting_services.agenda_item_record_legal_basis(actor=ruben, item=item, legal_basis=basis)
    decision = _pick(rng, DECISIONS)
    has_case = Case.objects.filter(youth_id=flag.youth_id).exclude(status="gesloten").exists()
    if decision == "casus" and not has_case:
        meeting_services.agenda_item_decide(
            actor=ruben,
            item=item,
            decision="casus",
            reason="Persoonsgerichte aanpak nodig (demo).",
            procesregie_holder=ruben,
        )
        case = Case.objects.get(opened_from=item)
        _case_story(case, meeting.starts_at, ruben, types, users, today, rng)
    elif decision == "vervolgacties":
        action = meeting_services.agenda_item_add_action(
            actor=ruben,
            item=item,
            follow_up_type=types["gesprek-jongerenwerk"],
            organisation=organisation_of(users["jongerenwerk"]),
            description="Gesprek met de jongere (demo).",
        )
        meeting_services.agenda_item_decide(actor=ruben, item=item, decision="vervolgacties")
        _action_story(action, meeting.starts_at, users["jongerenwerk"], today, rng)
    else:
        meeting_services.agenda_item_decide(
            actor=ruben,
            item=item,
            decision="geen_actie",
            reason="Signalen verklaarbaar; school en ouders zijn al in gesprek (demo).",
        )


def _date(case: Case, moment: dt.datetime, *, closing: bool = False) -> None:
    """The case's last transition, and the case itself, dated `moment`."""
    last = CaseTransition.objects.filter(case=case).order_by("-id").first()
    if last is not None:
        CaseTransition.objects.filter(pk=last.pk).update(at=moment)
    Case.objects.filter(pk=case.pk).update(
        status_changed_at=moment, **({"closed_at": moment} if closing else {})
    )
    if closing:
        CaseOrganisation.objects.filter(case=case, ended_at__isnull=False).update(ended_at=moment)


def _case_story(
    case: Case,
    opened: dt.datetime,
    ruben: User,
    types: dict[str, FollowUpType],
    users: dict[str, User],
    today: dt.date,
    rng: random.Random,
) -> None:
    Case.objects.filter(pk=case.pk).update(opened_at=opened, status_changed_at=opened)
    CaseTransition.objects.filter(case=case).update(at=opened)
    CaseOrganisation.objects.filter(case=case).update(added_at=opened)
    now = timezone.now()
    enrolment = None
    for status, days in STEPS:
        moment = opened + dt.timedelta(days=days)
        if moment >= now:
            return
        case = case_services.case_transition(
            actor=ruben, case=case, to=status, reason="Volgende stap (demo)."
        )
        _date(case, moment)
        if status == "plan_van_aanpak":
            code = _pick(rng, ENROLMENTS)
            enrolment = case_services.enrolment_add(
                actor=ruben,
                case=case,
                intervention=Intervention.objects.get(code=code),
                started_on=moment.date(),
            )
        if status == "in_uitvoering":
            action = action_services.action_assign(
                actor=ruben,
                case=case,
                follow_up_type=types["gesprek-jongerenwerk"],
                organisation=organisation_of(users["jongerenwerk"]),
                description="Wekelijks contact (demo).",
            )
            _action_story(action, moment, users["jongerenwerk"], today, rng)
    closing = opened + dt.timedelta(days=rng.randint(*CLOSE_AFTER))
    if (
        enrolment is None
        or closing.date() >= today
        or Action.objects.filter(case=case, status=Action.Status.OPEN).exists()
    ):
        return
    outcome = case_services.CaseClosing(
        reason="doelen_bereikt",
        perspective=_pick(rng, PERSPECTIVES),
        qualification=_pick(rng, QUALIFICATIONS),
        network_size=rng.randint(1, 6),
    )
    # Leaving OOZA (plan 3.2): the outcome is taken when the enrolment ends.
    leaving = case_services.Leaving(
        reason="afgerond",
        left_education=outcome.qualification != "geen" or (outcome.network_size or 0) % 2 == 0,
        perspective=outcome.perspective,
        qualification=outcome.qualification,
        network_size=outcome.network_size,
    )
    case_services.enrolment_end(
        actor=ruben,
        enrolment=enrolment,
        ended_on=closing.date(),
        result="voltooid",
        leaving=leaving if enrolment.intervention.measurable_results.exists() else None,
    )
    case = case_services.case_transition(
        actor=ruben, case=case, to="gesloten", reason="Doelen bereikt (demo).", closing=outcome
    )
    _date(case, closing, closing=True)


def _action_story(
    action: Action, given: dt.datetime, owner: User, today: dt.date, rng: random.Random
) -> None:
    """An action given at `given` with a two-week term: most done on time, some late, the recent
    ones still open."""
    due = (given + dt.timedelta(days=14)).date()
    Action.objects.filter(pk=action.pk).update(created_at=given, due_on=due)
    finished = due + dt.timedelta(days=rng.choice([-6, -3, -1, 0, 0, 2, 6]))
    if finished >= today:
        return
    action_services.action_finish(actor=owner, action=action, done=True, note="Gesprek gevoerd (demo).")
    Action.objects.filter(pk=action.pk).update(
        finished_at=dt.datetime.combine(finished, dt.time(16, 0), tzinfo=timezone.get_current_timezone())
    )
