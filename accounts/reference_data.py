"""The organisation kinds every installation starts with (code, name). Reference data, not demo data:
`manage.py load_reference_lists` adds those that are missing (accounts.services.organisation_kinds_load);
the follow-up types of the cases app name the kinds authorised to take an action by these codes.
"""

ORGANISATION_KINDS = [
    ("gemeente", "Gemeente"),
    ("politie", "Politie"),
    ("jongerenwerk", "Jongerenwerk"),
    ("halt", "Halt"),
    ("school", "School"),
    ("leerplicht", "Leerplicht / RMC"),
    ("jeugdbescherming", "Jeugdbescherming en jeugdreclassering"),
    ("sociaal-wijkteam", "Sociaal wijkteam"),
    ("zorg-en-veiligheidshuis", "Zorg- en Veiligheidshuis"),
    ("jeugdboa", "Jeugdboa's (handhaving)"),
    ("ministerie", "Ministerie"),
    ("overig", "Overig"),
]
