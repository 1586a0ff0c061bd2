from django.contrib import admin

from .models import (
    BudgetYear,
    DesiredResult,
    Intervention,
    MeasurableResult,
    Milestone,
    Programme,
    Risk,
    Track,
    TrackPartner,
)


class DesiredResultInline(admin.TabularInline):
    model = DesiredResult
    extra = 0


class TrackPartnerInline(admin.TabularInline):
    model = TrackPartner
    extra = 0


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    inlines = [DesiredResultInline, TrackPartnerInline]


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "track", "evidence_level"]
    list_select_related = ["track"]
    # Recorded on the intervention page through tracks.services.intervention_evidence_set (source and
    # date required with a rating), not edited here.
    readonly_fields = ["evidence_level", "evidence_source", "evidence_date"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "end", "yearly_budget_cap"]


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["code", "title"]


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    list_display = ["number", "start", "end", "cap"]


@admin.register(MeasurableResult)
class MeasurableResultAdmin(admin.ModelAdmin):
    list_display = ["intervention", "code", "target_percentage"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "due"]
    list_filter = ["status"]
