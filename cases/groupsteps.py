"""The seven steps of CCV's Groepsaanpak Jeugd (7-stappenmodel, revised 2023) as data. Pure: no database.

Since the 2023 revision the groepsscan by the police and the duiding of the group (its dynamics,
roles, problems, context, hierarchy and chances) replace the old fixed shortlist labels (hinderlijk,
overlastgevend, crimineel); the platform no longer records those (a label recorded before is kept in the
notes of step 1 of the group's first round).

The steps form a cycle: after step 6 (uitvoeren en monitoren, with its evaluation) a new round starts
at step 1 with seven new rows, so a second groepsscan (step 2) or duiding (step 3) stands next to the
first and never overwrites it.

Each step lists the details it records. The group page renders a step's form from this table and the
service `youth_group_step_update` accepts only these fields; a step can only be completed when its
required details are filled in and the step before it is completed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StepField:
    code: str
    label: str | Promise
    help_text: str | Promise = ""
    required: bool = False  # to complete the step
    part: str = ""  # "2A", "2B" for the two halves of step 2
    kind: str = "text"  # "text", "date" or "number"


@dataclass(frozen=True)
class StepDefinition:
    number: int
    title: str | Promise
    purpose: str | Promise
    fields: tuple[StepField, ...]

    def field(self, code: str) -> StepField | None:
        return next((f for f in self.fields if f.code == code), None)

    @property
    def required_codes(self) -> list[str]:
        return [f.code for f in self.fields if f.required]


STEPS: tuple[StepDefinition, ...] = (
    StepDefinition(
        1,
        _("Signalen delen"),
        _(
            "Partners delen hun signalen over een groep jongeren: waar, wanneer, wat en wie. "
            "Zo ontstaat een eerste beeld of er sprake is van een (problematische) groep."
        ),
        (
            StepField(
                "signalen", _("Gedeelde signalen"), _("Welke signalen, van wie, waar en wanneer."), True
            ),
            StepField(
                "bronnen", _("Betrokken bronnen"), _("Politie, jongerenwerk, boa's, school, bewoners ...")
            ),
        ),
    ),
    StepDefinition(
        2,
        _("Gedrag beoordelen"),
        _(
            "2A: de kenmerken en de ernst van het gedrag van de groep beoordelen. 2B: de namenlijst "
            "opstellen en de politie maakt de groepsscan."
        ),
        (
            StepField(
                "kenmerken",
                _("Kenmerken van het gedrag"),
                _("Wat doet de groep: overlast, intimidatie, vernielingen, criminaliteit, online gedrag."),
                True,
                "2A",
            ),
            StepField(
                "ernst",
                _("Ernst van het gedrag"),
                _("Hoe ernstig, hoe vaak, hoe lang, welke slachtoffers of gevolgen."),
                True,
                "2A",
            ),
            StepField("groepsscan_datum", _("Datum groepsscan politie"), "", True, "2B", "date"),
            StepField(
                "groepsscan_omvang",
                _("Aantal jongeren in de groepsscan"),
                _("Hoeveel jongeren de groepsscan rekent tot de groep; zo is de ontwikkeling te meten."),
                False,
                "2B",
                "number",
            ),
            StepField(
                "groepsscan",
                _("Uitkomst groepsscan"),
                _("Samenvatting van de groepsscan van de politie; de namenlijst staat bij de leden."),
                True,
                "2B",
            ),
        ),
    ),
    StepDefinition(
        3,
        _("Duiden"),
        _(
            "De partners duiden samen de groep: dynamiek, rollen, problematiek, context, hiërarchie en "
            "kansen, en stellen een conceptplan van aanpak op."
        ),
        (
            StepField("dynamiek", _("Groepsdynamiek"), "", True),
            StepField(
                "rollen", _("Rollen in de groep"), _("Kern, meelopers, randfiguren; wie heeft invloed.")
            ),
            StepField("problematiek", _("Problematiek"), _("Van de groep en van de individuele leden.")),
            StepField(
                "context", _("Context"), _("Plek, buurt, gezinnen, online, relaties met andere groepen.")
            ),
            StepField("hierarchie", _("Hiërarchie")),
            StepField("kansen", _("Kansen"), _("Beschermende factoren en aanknopingspunten.")),
            StepField("conceptplan", _("Conceptplan van aanpak"), "", True),
        ),
    ),
    StepDefinition(
        4,
        _("Probleemdefinitie en prioriteringsadvies"),
        _(
            "Op basis van de duiding een probleemdefinitie en een advies over de prioriteit; de lokale "
            "driehoek (burgemeester, officier van justitie, politie) besluit."
        ),
        (
            StepField("probleemdefinitie", _("Probleemdefinitie"), "", True),
            StepField("prioriteringsadvies", _("Prioriteringsadvies"), "", True),
            StepField("besluit_driehoek", _("Besluit van de lokale driehoek"), "", True),
            StepField("besluit_datum", _("Datum besluit driehoek"), "", True, kind="date"),
        ),
    ),
    StepDefinition(
        5,
        _("Integraal plan van aanpak"),
        _(
            "Een plan op groepsniveau, op individueel niveau (persoonsgerichte aanpak) en voor de "
            "omgeving (domeinen), met doelen, acties, eigenaars en termijnen."
        ),
        (
            StepField("groepsniveau", _("Aanpak op groepsniveau"), "", True),
            StepField("individueel", _("Aanpak op individueel niveau"), _("Wie komt in een eigen casus.")),
            StepField("omgeving", _("Aanpak van de omgeving")),
            StepField("doelen", _("Doelen en indicatoren"), "", True),
        ),
    ),
    StepDefinition(
        6,
        _("Uitvoeren en monitoren"),
        _("De partners voeren het plan uit en volgen samen de ontwikkeling van de groep en de leden."),
        (
            StepField("voortgang", _("Voortgang"), "", True),
            StepField("bijstelling", _("Bijstellingen van het plan")),
        ),
    ),
    StepDefinition(
        7,
        _("Afschalen, evalueren en overdragen"),
        _(
            "Wanneer de doelen bereikt zijn: afschalen, de aanpak evalueren en wat nodig blijft "
            "overdragen aan de reguliere partners."
        ),
        (
            StepField("evaluatie", _("Evaluatie"), "", True),
            StepField("overdracht", _("Overdracht"), _("Aan wie, wat en per wanneer."), True),
        ),
    ),
)

STEP_NUMBERS: tuple[int, ...] = tuple(step.number for step in STEPS)


def step_definition(number: int) -> StepDefinition:
    for step in STEPS:
        if step.number == number:
            return step
    raise KeyError(number)
