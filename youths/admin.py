"""The managed lists in the Django admin (beheerder). Personal data is never registered here."""

from __future__ import annotations

from django.contrib import admin

from .models import District, School, SignalCategory


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "place"]


@admin.register(SignalCategory)
class SignalCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "weight", "order", "is_active"]
    list_filter = ["is_active"]
    list_editable = ["order"]
    search_fields = ["name", "code"]

    def has_delete_permission(self, request, obj=None):
        # Signals refer to their category; retire a category by making it inactive.
        return False
