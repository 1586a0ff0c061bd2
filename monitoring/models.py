from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContextIndicator(models.Model):
    """A context indicator from police data (plan: the four that selected Zwolle), per 10,000 inhabitants."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    unit = models.CharField(_("eenheid"), max_length=50)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("contextindicator")
        verbose_name_plural = _("contextindicatoren")

    def __str__(self) -> str:
        return self.name


class ContextIndicatorValue(models.Model):
    class Area(models.TextChoices):
        MUNICIPALITY = "municipality", _("Gemeente")
        NATIONAL = "national", _("Nederland")

    indicator = models.ForeignKey(ContextIndicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("jaar"))
    area = models.CharField(_("gebied"), max_length=20, choices=Area.choices)
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    provisional = models.BooleanField(_("voorlopig"), default=False)

    class Meta:
        ordering = ["indicator", "year", "area"]
        verbose_name = _("waarde contextindicator")
        verbose_name_plural = _("waarden contextindicatoren")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "area"], name="context_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.area}: {self.value}"
