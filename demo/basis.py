"""Demo states of issue 10 (legal basis, informing the family, special categories), for `make run`.

Runs right after the demo accounts, before any signal: an organisation logs signals only on an agreed
sharing basis (youths.services.signals). Shows: bases agreed and one in draft (an organisation that
therefore cannot log yet), managed lists partly agreed, an overdue informing, an informing postponed with
a look-again date (one still ahead, one passed), an informed family, and a rule that weighs a special
category with its DPIA reference. Idempotent. All names and events are made up.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, OrganisationKind, SharingBasis, User
from accounts.services import organisation_access_group
from cases.models import FollowUpType, LegalBasis
from core.audit import acting_as
from core.models import AgreementStatus
from monitoring.models import Indicator
from youths.identity import name_key
from youths.models import CombinationRule, FamilyInforming, Signal, SignalCategory, Youth
from youths.services.flags import combination_rule_save
from youths.services.informing import family_informing_record
from youths.services.lists import reference_lists_load
from youths.services.signals import signal_log
from youths.services.youths import YouthIdentity

STEERING_GROUP = "Stuurgroep Preventie met Gezag Zwolle"
AGREED_ON = dt.date(2024, 6, 20)

# covenant, articles, organisations (demo names) that share on it
AGREED_BASES = [
    (
        "Convenant Preventie met Gezag Zwolle",
        "art. 4 en 5 (gegevensdeling vroegsignalering); AVG art. 6 lid 1 sub e",
        [
            "Gemeente Zwolle, afdeling Veiligheid",
            "Travers Welzijn, jongerenwerk",
            "Halt Oost-Nederland",
            "Ambelt, Wapenveld",
            "Jeugdbescherming Overijssel",
            "Sociaal Wijkteam Zwolle",
        ],
    ),
    (
        "Wet politiegegevens",
        "art. 16 en 19 (verstrekking aan derden)",
        ["Politie Oost-Nederland, basisteam Zwolle"],
    ),
]
DRAFT_ORGANISATION = ("Handhaving Zwolle, jeugdboa's", "jeugdboa")
DRAFT_BASIS = ("Convenant jeugdboa's Zwolle", "art. 3 (concept)")

# first, last, born, username, category, days ago, informing state: None (overdue), "postponed",
# "passed" (postponed, look-again date passed), "informed"
INFORMING_YOUTHS = [
    ("Finn", "Kuipers", dt.date(2011, 4, 9), "politie", "overlast-straat", 45, None),
    ("Lotte", "Hendriks", dt.date(2012, 2, 17), "jongerenwerk", "zorgen-thuis", 20, "postponed"),
    ("Yara", "Smit", dt.date(2010, 8, 30), "wijkteam", "slachtofferschap", 50, "passed"),
    ("Sem", "de Boer", dt.date(2011, 12, 3), "school", "schoolverzuim", 35, "informed"),
]


def _agree(model: type[LegalBasis] | type[FollowUpType] | type[Indicator], keep_draft: int) -> None:
    """Mark all but the last `keep_draft` items agreed, so that the lists show both states."""
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
    agreed = pks[: max(len(pks) - keep_draft, 0)]
    model.objects.filter(pk__in=agreed, agreement_status=AgreementStatus.DRAFT).update(
        agreement_status=AgreementStatus.AGREED, agreed_by=STEERING_GROUP, agreed_on=AGREED_ON
    )


def _bases() -> None:
    for covenant, articles, organisations in AGREED_BASES:
        basis, _new = SharingBasis.objects.get_or_create(
            covenant=covenant,
            articles=articles,
            defaults={
                "agreement_date": AGREED_ON,
                "agreement_status": AgreementStatus.AGREED,
                "agreed_by": STEERING_GROUP,
                "agreed_on": AGREED_ON,
            },
        )
        Organisation.objects.filter(name__in=organisations, sharing_basis__isnull=True).update(
            sharing_basis=basis
        )
    draft, _new = SharingBasis.objects.get_or_create(
        covenant=DRAFT_BASIS[0],
        articles=DRAFT_BASIS[1],
        defaults={
            "description": "Nog in bespreking met de partners; tot het akkoord melden de jeugdboa's niet."
        },
    )
    name, kind_code = DRAFT_ORGANISATION
    organisation, _new = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "kind": OrganisationKind.objects.get(code=kind_code),
            "contact_name": "Iris Handhaving",
            "contact_email": "jeugdboa@zwolle.example",
            "sharing_basis": draft,
        },
    )
    organisation_access_group(organisation)


def _informing_states() -> None:
    users = {u.username: u for u in User.objects.filter(username__in=[y[3] for y in INFORMING_YOUTHS])}
    categories = {c.code: c for c in SignalCategory.objects.all()}
    today = timezone.localdate()
    for first, last, born, username, category, days_ago, state in INFORMING_YOUTHS:
        if Youth.objects.filter(name_key=name_key(first, last), date_of_birth=born).exists():
            continue
        user = users[username]
        signal = signal_log(
            actor=user,
            identity_data=YouthIdentity(first_name=first, last_name=last, date_of_birth=born),
            category=categories[category],
            domain="home" if category in {"zorgen-thuis", "slachtofferschap"} else "street",
            observed_on=today - dt.timedelta(days=days_ago),
            description="Demo: eerste signaal van deze organisatie.",
        )
        # Demo only: the first signal was logged `days_ago`, so that the informing period has run.
        Signal.objects.filter(pk=signal.pk).update(created_at=timezone.now() - dt.timedelta(days=days_ago))
        youth = signal.youth
        if state == "informed":
            family_informing_record(
                actor=user, youth=youth, parents_informed_on=today - dt.timedelta(days=days_ago - 7)
            )
        elif state in {"postponed", "passed"}:
            family_informing_record(
                actor=user,
                youth=youth,
                postpone_reason=(
                    "Informeren kan de jongere thuis in gevaar brengen; eerst overleg met Veilig Thuis."
                ),
                look_again_on=today + dt.timedelta(days=14),
            )
            if state == "passed":
                # Demo only: the date to look again has passed without a new decision.
                FamilyInforming.objects.filter(youth=youth, organisation=user.organisation).update(
                    look_again_on=today - dt.timedelta(days=3)
                )


def _special_category_rule() -> None:
    if CombinationRule.objects.filter(name="LVB en zorgen thuis").exists():
        return
    combination_rule_save(
        actor=None,
        rule=None,
        name="LVB en zorgen thuis",
        description=(
            "Signalen van een licht verstandelijke beperking samen met zorgen thuis: extra kwetsbaar voor "
            "ronselen (plan 2.1.2). Weegt gezondheidsgegevens, dus alleen met de DPIA."
        ),
        window_days=180,
        min_signals=2,
        min_organisations=1,
        min_domains=1,
        min_total_weight=0,
        categories=list(SignalCategory.objects.filter(code="lvb")),
        is_active=True,
        evaluate=False,
        dpia_reference="DPIA Preventie met Gezag Zwolle 2025, par. 5.3 (demo)",
    )


@transaction.atomic
def demo_basis_load() -> None:
    reference_lists_load(actor=None)
    with acting_as(None):
        _bases()
        _agree(LegalBasis, keep_draft=1)
        _agree(FollowUpType, keep_draft=2)
        _agree(Indicator, keep_draft=3)
    _special_category_rule()
    _informing_states()
