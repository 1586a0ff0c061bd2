"""The managed lists in the Django admin (beheerder). Personal data is never registered here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CombinationRule, District, School, SignalCategory, SpecialCategory


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


class SignalCategoryForm(forms.ModelForm):
    """Marking a category as special data is refused while an active rule weighs it without a DPIA
    reference (the rule's own save refuses the same: youths.services.flags.combination_rule_save)."""

    class Meta:
        model = SignalCategory
        fields = ["code", "name", "description", "weight", "special_category", "is_active", "order"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        special = cleaned.get("special_category", SpecialCategory.NONE) != SpecialCategory.NONE
        if special and self.instance.pk:
            rules = CombinationRule.objects.filter(
                is_active=True, dpia_reference="", categories=self.instance
            ).values_list("name", flat=True)
            if names := list(rules):
                raise forms.ValidationError(
                    {
                        "special_category": _(
                            "De regel(s) %(names)s wegen deze categorie zonder DPIA-kenmerk. Leg eerst het "
                            "DPIA-kenmerk vast bij de regel, of zet de regel uit."
                        )
                        % {"names": ", ".join(names)}
                    }
                )
        return cleaned


@admin.register(SignalCategory)
class SignalCategoryAdmin(admin.ModelAdmin):
    form = SignalCategoryForm
    list_display = ["name", "code", "weight", "special_category", "order", "is_active"]
    list_filter = ["is_active", "special_category"]
    list_editable = ["order"]
    search_fields = ["name", "code"]

    def has_delete_permission(self, request, obj=None):
        # Signals refer to their category; retire a category by making it inactive.
        return False
