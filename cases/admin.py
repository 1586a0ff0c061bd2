"""Admin for the managed lists of the cases app, kept by the projectleider (never the beheerder).

Case content (meetings, cases, actions, groups) is not in the admin: it is reached only through the
access gateway in cases.selectors, so that need-to-know and the read log hold everywhere.
"""

from __future__ import annotations

from django.contrib import admin

from .models import FollowUpType, LegalBasis


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active", "order", "agreement_status", "agreed_by", "agreed_on"]
    list_filter = ["is_active", "agreement_status"]
    search_fields = ["name", "code", "description"]


@admin.register(FollowUpType)
class FollowUpTypeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "usual_term_days",
        "intervention",
        "is_active",
        "order",
        "agreement_status",
        "agreed_by",
        "agreed_on",
    ]
    list_filter = ["is_active", "agreement_status", "authorised_kinds"]
    search_fields = ["name", "code", "description"]
    filter_horizontal = ["authorised_kinds"]
    list_select_related = ["intervention"]
