"""The seed of the managed lists: Zwolle's districts, signal categories and the two default rules.

Loaded by `manage.py load_reference_lists` (youths.services.lists.reference_lists_load). It only adds what is
missing: what the beheerder or projectleider changed afterwards is never overwritten.
"""

from __future__ import annotations

# (code, name): the wijken of Zwolle, plus one entry for youths who live elsewhere.
DISTRICTS: list[tuple[str, str]] = [
    ("centrum", "Centrum (Binnenstad)"),
    ("diezerpoort", "Diezerpoort"),
    ("assendorp", "Assendorp"),
    ("kamperpoort-veerallee", "Kamperpoort/Veerallee"),
    ("wipstrik", "Wipstrik"),
    ("holtenbroek", "Holtenbroek"),
    ("aa-landen", "Aa-landen"),
    ("westenholte", "Westenholte"),
    ("stadshagen", "Stadshagen"),
    ("berkum", "Berkum"),
    ("zwolle-zuid", "Zwolle-Zuid"),
    ("ittersum", "Ittersum"),
    ("schelle", "Schelle"),
    ("oldeneel", "Oldeneel"),
    ("marslanden", "Marslanden"),
    ("windesheim", "Windesheim"),
    ("soestweg", "Soestweg"),
    ("buiten-zwolle", "Buiten Zwolle"),
]

# (code, name, description, weight 1–10). Themes of the plan: 2% youth, LVB, online, weapons, school.
SIGNAL_CATEGORIES: list[tuple[str, str, str, int]] = [
    (
        "overlast-straat",
        "Overlast op straat",
        "Hinderlijk of intimiderend gedrag in de openbare ruimte, alleen of in een groep.",
        1,
    ),
    (
        "schoolverzuim",
        "Schoolverzuim",
        "Ongeoorloofd of zorgelijk verzuim, of dreigend voortijdig schoolverlaten.",
        1,
    ),
    (
        "online-conflict",
        "Online conflict of bedreiging",
        "Ruzie, bedreiging, shaming of het verspreiden van beelden via sociale media.",
        2,
    ),
    (
        "drugs",
        "Drugs",
        "Gebruik van drugs, of betrokkenheid bij handel (ook als loopjongen of koerier).",
        2,
    ),
    (
        "wapens",
        "Wapens",
        "Bezit, tonen of dreigen met een (steek)wapen, ook op foto's of video's online.",
        3,
    ),
    (
        "zorgen-thuis",
        "Zorgen over de thuissituatie",
        "Spanningen of geweld thuis, gebrek aan toezicht, ouders die zelf in de problemen zitten.",
        2,
    ),
    (
        "lvb",
        "Signalen van LVB",
        "Aanwijzingen voor een licht verstandelijke beperking: moeite met gevolgen overzien, "
        "makkelijk te beïnvloeden.",
        1,
    ),
    (
        "crimineel-netwerk",
        "Contact met criminele netwerken",
        "Omgang met oudere criminele jongeren of volwassenen, ronselen, opvallend geld of bezit.",
        3,
    ),
    (
        "slachtofferschap",
        "Slachtofferschap",
        "De jongere is slachtoffer van geweld, uitbuiting, afpersing of ernstig pesten.",
        2,
    ),
    (
        "grensoverschrijdend",
        "Grensoverschrijdend gedrag",
        "Agressie, seksueel grensoverschrijdend gedrag of ernstig respectloos gedrag tegen gezag.",
        2,
    ),
    (
        "vernieling-diefstal",
        "Vernieling of diefstal",
        "Kleine vernielingen, winkeldiefstal of vuurwerkoverlast (feiten waarvoor Halt kan worden ingezet).",
        1,
    ),
    (
        "alcohol",
        "Alcoholgebruik",
        "Zorgelijk of openlijk alcoholgebruik door een minderjarige.",
        1,
    ),
]

# Categories with special data (AVG art. 9) or victimhood, marked on load (youths.SignalCategory
# .special_category). A rule may weigh them only with a DPIA reference; neither default rule does.
# Whether categories about offences (wapens, drugs, vernieling-diefstal) are to be marked as criminal-law
# data (AVG art. 10) is left to the privacy officer's DPIA (docs/privacy-basis.md): marking `wapens` would
# require a DPIA reference on the default rule "Wapen en nog een signaal".
SPECIAL_CATEGORIES: dict[str, str] = {
    "lvb": "gezondheid",
    "slachtofferschap": "slachtoffer",
}

# The two documented default rules (docs/signals.md). Category codes refer to SIGNAL_CATEGORIES.
DEFAULT_RULES: list[dict] = [
    {
        "name": "Signalen van meerdere organisaties",
        "description": (
            "Meerdere professionals zien los van elkaar zorgen over dezelfde jongere. Eén signaal zegt "
            "weinig; drie signalen van twee of meer organisaties binnen een half jaar zijn reden om de "
            "jongere in het vroegsignaleringsoverleg te bespreken (plan 2.1.2)."
        ),
        "window_days": 180,
        "min_signals": 3,
        "min_organisations": 2,
        "min_domains": 1,
        "min_total_weight": 0,
        "categories": [],
        "priority": 2,  # high: several organisations worry
    },
    {
        "name": "Wapen en nog een signaal",
        "description": (
            "Wapenbezit is een vroeg teken van een criminele loopbaan. Een signaal over wapens samen met "
            "minstens één ander signaal binnen drie maanden is reden om de jongere te bespreken."
        ),
        "window_days": 90,
        "min_signals": 2,
        "min_organisations": 1,
        "min_domains": 1,
        "min_total_weight": 0,
        "categories": ["wapens"],
        "priority": 1,  # urgent: a weapon comes before "three signals" (issue 11)
    },
]
