"""The plan's context indicators named CBS 85655NED for all four figures, but 85655NED holds suspects
(verdachten); registered crimes are in 83648NED. Fixes the source of rows already loaded (the seed in
tracks/data/plan.json is fixed too)."""

from django.db import migrations

SUSPECTS = "CBS StatLine 85655NED (verdachten) en politiedata"
CRIMES = "CBS StatLine 83648NED (geregistreerde misdrijven) en politiedata"
OLD = "CBS StatLine 85655NED en politiedata"
SOURCES = {
    "registered_crimes": CRIMES,
    "high_impact_crimes": CRIMES,
    "drug_dealing": CRIMES,
    "youth_suspects": SUSPECTS,
}


def forwards(apps, schema_editor):
    ContextIndicator = apps.get_model("monitoring", "ContextIndicator")
    for code, source in SOURCES.items():
        ContextIndicator.objects.filter(code=code, source=OLD).update(source=source)


def backwards(apps, schema_editor):
    ContextIndicator = apps.get_model("monitoring", "ContextIndicator")
    ContextIndicator.objects.filter(code__in=SOURCES, source__in=[SUSPECTS, CRIMES]).update(source=OLD)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0005_budget_allocation_change")]

    operations = [migrations.RunPython(forwards, backwards)]
