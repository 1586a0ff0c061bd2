"""The six roles of the product as real permissions.

Each role is a Django group with exactly the permissions listed here; `sync_roles` makes the groups
match this table after every migrate. Later features add their permissions to this table.
Object-level access (which youth, which case) is granted separately through django-guardian by the
access gateway; these are the role-level permissions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Role

# Apps whose models hold personal or case data. The beheerder never gets a permission on them
# (tests/accounts/test_roles.py enforces it for every model these apps ever get).
CASE_DATA_APPS = ("cases", "youths", "privacy")

# Managed lists that live in a case-data app but hold no personal data: the beheerder maintains them
# (domain.md: "reference lists"). They are the only exception to the rule above, and the test checks
# that none of them refers to a youth.
REFERENCE_LIST_MODELS = (
    "youths.district",
    "youths.school",
    "youths.signalcategory",
    "cases.legalbasis",
    "cases.followuptype",
)

_ACCOUNT_ADMIN = [
    "accounts.view_user",
    "accounts.add_user",
    "accounts.change_user",
    "accounts.view_organisation",
    "accounts.add_organisation",
    "accounts.change_organisation",
    "accounts.view_organisationkind",
    "accounts.add_organisationkind",
    "accounts.change_organisationkind",
    # The organisations' sharing bases (issue 10): the beheerder records covenant, articles and agreement.
    "accounts.view_sharingbasis",
    "accounts.add_sharingbasis",
    "accounts.change_sharingbasis",
    # Login lockouts (django-axes): see the attempts and the login logs, unlock by deleting attempts.
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "axes.view_accesslog",
    "axes.view_accessfailurelog",
]

# A user who lost their phone: the beheerder removes the authenticator app (and the recovery codes) in the
# admin, and the user enrols again at the next login. View and delete only: the admin hides the keys
# (OTP_ADMIN_HIDE_SENSITIVE_DATA), and nobody adds a device for somebody else.
_SECOND_FACTOR_RESET = [
    "otp_totp.view_totpdevice",
    "otp_totp.delete_totpdevice",
    "otp_static.view_staticdevice",
    "otp_static.delete_staticdevice",
]

_PROGRAMME_READ = [
    "tracks.view_programme",
    "tracks.view_track",
    "tracks.view_intervention",
    "tracks.view_risk",
    "tracks.view_budgetyear",
    "tracks.view_milestone",
    "monitoring.view_contextindicator",
    "accounts.view_organisation",
]

_PROGRAMME_MANAGE = [
    "tracks.change_programme",
    "tracks.add_track",
    "tracks.change_track",
    "tracks.add_intervention",
    "tracks.change_intervention",
    "tracks.add_risk",
    "tracks.change_risk",
    "tracks.add_budgetyear",
    "tracks.change_budgetyear",
    "tracks.add_desiredresult",
    "tracks.change_desiredresult",
    "tracks.view_desiredresult",
    "tracks.add_trackpartner",
    "tracks.change_trackpartner",
    "tracks.view_trackpartner",
    "tracks.change_milestone",
    "monitoring.add_contextindicator",
    "monitoring.change_contextindicator",
    "monitoring.add_contextindicatorvalue",
    "monitoring.change_contextindicatorvalue",
    "monitoring.view_contextindicatorvalue",
]

# Monitoring figures inside the municipality: aggregated, but small counts are not suppressed here.
_MONITORING_READ = [
    "monitoring.view_indicator",
    "monitoring.view_target",
    "monitoring.view_measurement",
    "monitoring.view_pdcacycle",
    "monitoring.view_report",
]

_MONITORING_MANAGE = [
    "monitoring.add_indicator",
    "monitoring.change_indicator",
    "monitoring.add_target",
    "monitoring.change_target",
    "monitoring.add_measurement",
    "monitoring.change_measurement",
    "monitoring.add_measurementcorrection",
    "monitoring.view_measurementcorrection",
    "monitoring.view_reportingperiod",
    "monitoring.change_reportingperiod",
    "monitoring.approve_reportingperiod",
    "monitoring.reopen_reportingperiod",
    "monitoring.view_periodtransition",
    "monitoring.add_pdcacycle",
    "monitoring.change_pdcacycle",
    "monitoring.add_riskreview",
    "monitoring.view_riskreview",
    "monitoring.add_activity",
    "monitoring.view_activity",
    "monitoring.add_budgetallocation",
    "monitoring.change_budgetallocation",
    "monitoring.view_budgetallocation",
    "monitoring.add_budgetcommitment",
    "monitoring.view_budgetcommitment",
    "monitoring.add_budgetspending",
    "monitoring.view_budgetspending",
    "monitoring.add_report",
    "monitoring.view_contextindicatorrevision",
    # Partners' proposals in the PDCA cycle: the projectleider reads and decides them.
    "monitoring.view_pdcaproposal",
    "monitoring.change_pdcaproposal",
]

# A partner in the PDCA cycle (issue 12): the monitoring of the interventions its organisation carries
# out, never all of it. These are role permissions; which interventions is decided per object through
# tracks.TrackPartner.organisation (monitoring.selectors.partner_interventions) and which figures it
# enters through Indicator.reporting_organisation (services.measurements.measurement_may_enter).
_MONITORING_PARTNER = [
    "monitoring.view_partner_monitoring",
    "monitoring.enter_partner_measurement",
    "monitoring.add_pdcaproposal",
]

_YOUTH_LISTS_READ = [
    "youths.view_district",
    "youths.view_school",
    "youths.view_signalcategory",
    "youths.view_combinationrule",
]

# Which youths a user sees is decided by the access gateway (youths/selectors.py): `view_grounded_youths`
# for those a need-to-know ground covers (youths/grounds.py), `view_involved_youths` for those its
# organisation is involved with (object permissions).
_PARTNER_YOUTHS = [
    "youths.view_involved_youths",
    "youths.add_signal",
    "youths.change_signal",  # its own organisation's signals only (the gateway decides which)
    "youths.change_match",  # record the follow-up of its matches
    # Whether it informed the youth and/or the parents (AVG art. 13/14); its own record only.
    "youths.add_familyinforming",
    "youths.change_familyinforming",
]

_GROUNDED_YOUTHS_READ = ["youths.view_grounded_youths", "youths.view_flag"]

_REFERENCE_LISTS_MANAGE = [
    "youths.view_district",
    "youths.add_district",
    "youths.change_district",
    "youths.view_school",
    "youths.add_school",
    "youths.change_school",
    "youths.view_signalcategory",
    "youths.add_signalcategory",
    "youths.change_signalcategory",
]

# The managed lists of meetings and cases (cases app): read by everyone who works with cases; kept in
# the admin by the beheerder (reference lists, no personal data: REFERENCE_LIST_MODELS) and by the
# projectleider (the legal frameworks and the follow-up options are deliverables of plan 2.2).
_CASE_LISTS_READ = [
    "cases.view_legalbasis",
    "cases.view_followuptype",
]

_CASE_LISTS_MANAGE = [
    "cases.view_legalbasis",
    "cases.add_legalbasis",
    "cases.change_legalbasis",
    "cases.view_followuptype",
    "cases.add_followuptype",
    "cases.change_followuptype",
]

# Meetings, cases, actions and groups. The *_all_* permissions let the access gateway (cases.selectors)
# show everything (the procesregisseur: each of them is itself a need-to-know ground for its youth); a
# partner sees only what its organisation is involved in or attended.
_CASES_READ_ALL = [
    "cases.view_all_referrals",
    "cases.view_all_cases",
    "cases.view_all_meetings",
    "cases.view_all_youth_groups",
]

_CASES_MANAGE = [
    "cases.triage_referral",
    "cases.manage_cases",
    "cases.manage_meetings",
    "cases.manage_youth_groups",
]

_CASES_PARTNER = [
    "cases.add_referral",  # ask the procesregisseur to discuss a youth its organisation may read
    "cases.view_involved_cases",
    "cases.view_attended_meetings",
    "cases.view_involved_youth_groups",
]

# Notifications about youths and cases (matches, actions) reach only the roles that may read youths or
# cases (core.selectors.notification_list_for_user); tests/accounts/test_roles.py keeps the two in step.
_CASE_NOTIFICATIONS = ["core.receive_case_notifications"]

# The privacyfunctionaris (issue 10): data-subject requests, the export of everything about one youth,
# the read log and the access review. No youth page, case or meeting by role: it reaches one youth's data
# only through the export and the read log of the request it handles (docs/privacy-rights.md).
_PRIVACY_OFFICE = [
    "youths.view_youth_readlog",
    "privacy.export_youth_data",
    "privacy.view_datasubjectrequest",
    "privacy.add_datasubjectrequest",
    "privacy.change_datasubjectrequest",
    "privacy.view_accessreview",
    "privacy.add_accessreview",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # Steers on aggregates: no youth, signal, case, meeting or group by role (need-to-know, issue 10),
    # and no read log (that is the privacyfunctionaris'). The combination rules hold no personal data.
    Role.PROJECTLEIDER: _PROGRAMME_READ
    + _PROGRAMME_MANAGE
    + _MONITORING_READ
    + _MONITORING_MANAGE
    + _YOUTH_LISTS_READ
    + [
        "youths.add_combinationrule",
        "youths.change_combinationrule",
    ]
    + _CASE_LISTS_MANAGE,
    Role.PROCESREGISSEUR: _PROGRAMME_READ
    + _MONITORING_READ
    + _YOUTH_LISTS_READ
    + _GROUNDED_YOUTHS_READ
    + ["youths.merge_youths", "youths.change_match", "youths.change_flag"]
    + _CASE_LISTS_READ
    + _CASES_READ_ALL
    + _CASES_MANAGE
    + _CASE_NOTIFICATIONS,
    Role.PARTNER: _PROGRAMME_READ
    + _YOUTH_LISTS_READ
    + _PARTNER_YOUTHS
    + _CASE_LISTS_READ
    + _CASES_PARTNER
    + _CASE_NOTIFICATIONS
    + _MONITORING_PARTNER,
    # The ministry reads aggregated, suppressed figures over the API only; no other role has
    # monitoring.view_aggregates (tests/monitoring/test_ministry_api.py).
    Role.MINISTERIE: [
        "tracks.view_programme",
        "tracks.view_track",
        "tracks.view_intervention",
        "monitoring.view_aggregates",
    ],
    Role.BEHEERDER: _PROGRAMME_READ
    + _ACCOUNT_ADMIN
    + _SECOND_FACTOR_RESET
    + _REFERENCE_LISTS_MANAGE
    + _CASE_LISTS_MANAGE,
    Role.PRIVACYFUNCTIONARIS: _PROGRAMME_READ + _PRIVACY_OFFICE,
}

# Roles that use the Django admin (for managed lists and accounts).
STAFF_ROLES = {Role.BEHEERDER, Role.PROJECTLEIDER}

# Roles that use the API only (domain.md: the ministry reads aggregated figures over the API). They are
# refused at the login form and by `role_required` on every HTML page, even with a session.
API_ONLY_ROLES = {Role.MINISTERIE}

# --- Who may give which role (docs/permissions.md, "Who changes roles") ----------------------------------
# The permission that lets a user manage accounts in the admin (the beheerder's).
MANAGE_USERS_PERMISSION = "accounts.change_user"
# Roles that only a superuser (an operator) gives or takes away: the projectleider is told of every role
# change, so whoever could make or unmake one could silence that watch.
# The privacyfunctionaris likewise: it reviews who has which role, the beheerder's grants included (the
# access review); a beheerder who could make or unmake one could choose its own reviewer.
SUPERUSER_ONLY_ROLES = {Role.PROJECTLEIDER, Role.PRIVACYFUNCTIONARIS}


def grantable_roles(actor: Any) -> set[Role]:
    """The roles `actor` may give to another user. Nobody may give any role to itself (the service checks).

    A superuser (an operator): every role. A user whose role holds `accounts.change_user` (the beheerder):
    every role except the projectleider's and the privacyfunctionaris'. Anyone else: none.
    """
    from .access import has_role_permission

    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return set()
    if actor.is_superuser:
        return set(Role)
    if has_role_permission(actor, MANAGE_USERS_PERMISSION):
        return set(Role) - SUPERUSER_ONLY_ROLES
    return set()


def may_manage_user(actor: Any, user: Any) -> bool:
    """Whether `actor` may change `user`'s account in the admin (name, e-mail, active, password; role and
    organisation only of others, see `grantable_roles`). A superuser is managed only by a superuser, a
    user whose role only a superuser gives (the projectleider) likewise; otherwise by anyone who may give
    that user's current role."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if user.is_superuser or user.role in SUPERUSER_ONLY_ROLES:
        return bool(actor.is_superuser)
    grantable = grantable_roles(actor)
    if user.pk is not None and user.pk == actor.pk:
        return bool(grantable)  # its own name, e-mail and password; never its own role or organisation
    return user.role in grantable


def _permissions(codes: list[str]) -> list[Permission]:
    perms = []
    for code in codes:
        app_label, codename = code.split(".", 1)
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if perm is None:
            raise LookupError(f"Role table names unknown permission {code!r}.")
        perms.append(perm)
    return perms


@transaction.atomic
def sync_roles() -> None:
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=str(role))
        group.permissions.set(_permissions(sorted(set(codes))))


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    # Run once, after the last app with models has migrated, when all permissions exist.
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        sync_roles()
