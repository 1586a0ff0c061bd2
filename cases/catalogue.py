"""Seed contents of the managed lists of the cases app: legal bases and the follow-up catalogue.

Plan section 2.2 asks for "the legal frameworks on which a case may be discussed in the early-signal
meeting" and "a list of follow-up options: who has the authority to act, and when". These are the
starting sets; the projectleider keeps them in the admin (`load_case_lists` never overwrites an
edited row, it only adds missing ones).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LegalBasisSeed:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class FollowUpSeed:
    code: str
    name: str
    description: str
    kinds: tuple[str, ...]  # accounts.OrganisationKind codes authorised to take the action
    authority: str  # when they may act (plan 2.2: "wie heeft de bevoegdheid om wanneer op te treden")
    term_days: int
    intervention: str = ""  # tracks.Intervention code, when the action is one of the plan's interventions


LEGAL_BASES: tuple[LegalBasisSeed, ...] = (
    LegalBasisSeed(
        "toestemming-jongere",
        "Toestemming van de jongere",
        "De jongere (16 jaar of ouder) heeft vrij, specifiek en geïnformeerd toestemming gegeven om "
        "zijn of haar situatie in dit overleg te bespreken (AVG art. 6 lid 1 sub a).",
    ),
    LegalBasisSeed(
        "toestemming-ouders",
        "Toestemming van ouders of wettelijk vertegenwoordigers",
        "Voor een jongere onder de 16 jaar hebben de ouders of wettelijk vertegenwoordigers toestemming "
        "gegeven (AVG art. 6 lid 1 sub a, UAVG art. 5).",
    ),
    LegalBasisSeed(
        "wettelijke-taak",
        "Wettelijke taak van een deelnemende organisatie",
        "Bespreken is nodig voor een wettelijke taak of een taak van algemeen belang van een deelnemer "
        "(AVG art. 6 lid 1 sub e), bijvoorbeeld de jeugdhulpplicht van de gemeente (Jeugdwet), de "
        "politietaak (Wet politiegegevens) of de leerplichttaak (Leerplichtwet 1969).",
    ),
    LegalBasisSeed(
        "convenant-zvh",
        "Privacyconvenant Zorg- en Veiligheidshuis",
        "De casus valt binnen de doelgroep en de werkwijze van het privacyconvenant van het Zorg- en "
        "Veiligheidshuis IJsselland; de deelnemers zijn partij bij het convenant.",
    ),
    LegalBasisSeed(
        "convenant-groepsaanpak",
        "Convenant groepsaanpak jeugd (7-stappenmodel)",
        "Bespreking van een problematische jeugdgroep en haar leden binnen het convenant van de "
        "groepsaanpak; alleen deelnemers aan het convenant nemen deel.",
    ),
    LegalBasisSeed(
        "vitaal-belang",
        "Vitaal belang: acuut gevaar",
        "Er is acuut gevaar voor de gezondheid of veiligheid van de jongere of anderen en toestemming "
        "kan niet op tijd worden gevraagd (AVG art. 6 lid 1 sub d). Leg de afweging vast.",
    ),
)


FOLLOW_UP_TYPES: tuple[FollowUpSeed, ...] = (
    FollowUpSeed(
        "gesprek-jongerenwerk",
        "Gesprek door het jongerenwerk",
        "Een jongerenwerker zoekt de jongere op (straat, buurthuis, online) en gaat in gesprek over wat "
        "er speelt; biedt waar passend groepsactiviteiten aan.",
        ("jongerenwerk",),
        "Altijd, op basis van vrijwilligheid; het jongerenwerk werkt met jongeren van 12 tot 23 jaar.",
        14,
        "2.1.1",
    ),
    FollowUpSeed(
        "huisbezoek-wijkteam",
        "Huisbezoek door het sociaal wijkteam",
        "Het sociaal wijkteam bezoekt het gezin thuis, brengt de gezinssituatie in beeld en biedt "
        "ondersteuning of jeugdhulp aan.",
        ("sociaal-wijkteam",),
        "Vanuit de jeugdhulpplicht van de gemeente (Jeugdwet), in overleg met het gezin.",
        14,
    ),
    FollowUpSeed(
        "halt-preventief",
        "Preventief Halt-traject",
        "Halt gaat met de jongere, de ouders en zo mogelijk het slachtoffer in gesprek over het "
        "grensoverschrijdende gedrag, vóórdat er sprake is van strafrecht.",
        ("halt",),
        "Bij grensoverschrijdend gedrag zonder strafbaar feit of proces-verbaal; vrijwillig, met "
        "toestemming van jongere en ouders.",
        28,
        "2.1.3",
    ),
    FollowUpSeed(
        "kansrijk-risicotaxatie",
        "#kansRijk: verklarende analyse en risicotaxatie",
        "Jeugdbescherming Overijssel stelt een verklarende analyse en risicotaxatie op en adviseert over "
        "inzet op criminogene factoren; met aandacht voor LVB.",
        ("jeugdbescherming",),
        "Vroeg in de aanpak, zonder strafrechtelijke titel, met toestemming van jongere en ouders.",
        28,
        "2.1.2",
    ),
    FollowUpSeed(
        "leerplicht-gesprek",
        "Gesprek met de leerplichtambtenaar",
        "De leerplichtambtenaar of RMC-consulent spreekt de jongere en ouders aan op verzuim of dreigend "
        "voortijdig schoolverlaten.",
        ("leerplicht",),
        "Bij (dreigend) verzuim of schooluitval, op grond van de Leerplichtwet 1969 en de RMC-taak.",
        14,
    ),
    FollowUpSeed(
        "zorggesprek-school",
        "Zorggesprek op school",
        "De zorgcoördinator of mentor bespreekt de zorgen met de jongere en ouders en betrekt zo nodig "
        "het zorg- en adviesteam van de school.",
        ("school",),
        "Voor leerlingen van de eigen school, binnen de zorgplicht van de school.",
        14,
    ),
    FollowUpSeed(
        "normstellend-gesprek-politie",
        "Normstellend gesprek door de jeugdagent",
        "De jeugdagent spreekt de jongere (met ouders) aan op het gedrag en de gevolgen ervan.",
        ("politie",),
        "Bij overlast of strafbaar gedrag dat de politie kent, binnen de politietaak.",
        14,
    ),
    FollowUpSeed(
        "jeugdboa-toezicht",
        "Gericht toezicht en aanspreken door jeugdboa's",
        "Jeugdboa's houden gericht toezicht op de plekken waar de jongere of groep overlast geeft en "
        "spreken aan.",
        ("jeugdboa",),
        "In de openbare ruimte, binnen de handhavingsbevoegdheden van de boa.",
        30,
    ),
    FollowUpSeed(
        "verwijzing-zvh",
        "Verwijzing naar het Zorg- en Veiligheidshuis",
        "De casus wordt aangemeld bij het Zorg- en Veiligheidshuis IJsselland voor een "
        "persoonsgerichte aanpak met zorg- en veiligheidspartners.",
        ("gemeente", "politie", "sociaal-wijkteam", "jeugdbescherming"),
        "Bij complexe problematiek op zorg en veiligheid die het voorliggend veld niet oplost; "
        "aanmelding door een convenantpartner.",
        14,
    ),
    FollowUpSeed(
        "melding-veilig-thuis",
        "Melding bij Veilig Thuis",
        "Een professional meldt een vermoeden van huiselijk geweld of kindermishandeling bij Veilig "
        "Thuis, volgens de meldcode.",
        (
            "jongerenwerk",
            "school",
            "sociaal-wijkteam",
            "jeugdbescherming",
            "politie",
            "leerplicht",
            "halt",
            "gemeente",
        ),
        "Bij een vermoeden van huiselijk geweld of kindermishandeling, na het doorlopen van de stappen "
        "van de eigen meldcode (Wet verplichte meldcode).",
        3,
    ),
    FollowUpSeed(
        "ouderalert",
        "#Ouderalert: ouders informeren en toerusten",
        "Ouders of verzorgers krijgen voorlichting en handvatten om ondermijnende criminaliteit te "
        "herkennen en grenzen te stellen.",
        ("gemeente", "jongerenwerk", "sociaal-wijkteam"),
        "Altijd, vrijwillig aanbod aan ouders en verzorgers.",
        30,
        "2.1.4",
    ),
    FollowUpSeed(
        "ooza-aanmelding",
        "Aanmelding voor het OOZA-arrangement",
        "De jongere wordt aangemeld voor het onderwijs-zorg-arbeidsarrangement (De beste toekomst voor "
        "jongeren, Ambelt Wapenveld).",
        ("school", "gemeente"),
        "Voor jongeren uit Zwolle die in de doelgroep van het arrangement vallen, met toestemming van "
        "jongere en ouders.",
        28,
        "3.1.1",
    ),
)


class AssessmentKind(enum.StrEnum):
    """Follow-up kinds whose outcome is recorded as fields (cases.ActionAssessment), not only as a note."""

    KANSRIJK = "kansrijk"  # the #kansRIJK risk assessment (plan 2.1.2)
    HALT = "halt"  # the preventive Halt trajectory (plan 2.1.3)


# A follow-up type is one of these by its catalogue code or by the plan's intervention it carries, so a
# type the projectleider adds in the admin for the same intervention is recognised too.
ASSESSMENT_CODES: dict[str, AssessmentKind] = {
    "kansrijk-risicotaxatie": AssessmentKind.KANSRIJK,
    "halt-preventief": AssessmentKind.HALT,
}
ASSESSMENT_INTERVENTIONS: dict[str, AssessmentKind] = {
    "2.1.2": AssessmentKind.KANSRIJK,
    "2.1.3": AssessmentKind.HALT,
}


def assessment_kind(follow_up_type: Any) -> AssessmentKind | None:
    """#kansRIJK, Halt or neither, for a cases.FollowUpType (its `code` and its `intervention`)."""
    kind = ASSESSMENT_CODES.get(follow_up_type.code)
    if kind is None and follow_up_type.intervention_id is not None:
        kind = ASSESSMENT_INTERVENTIONS.get(follow_up_type.intervention.code)
    return kind
