from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import DomainError
from monitoring.context_import import parse_statline_csv
from monitoring.models import ContextIndicator, ContextIndicatorRevision, ContextIndicatorValue
from monitoring.services.context import context_values_import

pytestmark = pytest.mark.django_db

# Shaped like a CBS open-data export of 83648NED (registered crimes per 1,000 inhabitants).
CRIMES_83648 = """"ID";"SoortMisdrijf";"RegioS";"Perioden";"GeregistreerdeMisdrijvenPer1000Inw_3"
"1";"T001161";"NL01  ";"2022JJ00";"  44.7"
"2";"T001161";"NL01  ";"2023JJ00";"  45.1"
"3";"T001161";"GM0193";"2022JJ00";"  51.3"
"4";"T001161";"GM0193";"2023*";"  52.02"
"5";"T001161";"GM0200";"2023JJ00";"  60.0"
"6";"1.1.1";"GM0193";"2023JJ00";"  9.9"
"""

# Shaped like StatLine's own CSV download of 85655NED (suspects per 10,000), decimal comma.
SUSPECTS_85655 = """RegioS,Perioden,Status,Verdachten per 10 000 inwoners
Zwolle,2024,Voorlopig,"158,5"
Nederland,2024,Voorlopig,"141,0"
Zwolle,2023,Definitief,162
"""


def test_a_83648ned_file_is_normalised_to_per_10000_and_keeps_provisional_marks():
    rows = parse_statline_csv(CRIMES_83648, table="83648NED", row_filter="SoortMisdrijf=T001161")
    assert [(r.year, r.area, r.value, r.provisional) for r in rows] == [
        (2022, "municipality", Decimal("513.00"), False),
        (2022, "national", Decimal("447.00"), False),
        (2023, "municipality", Decimal("520.20"), True),
        (2023, "national", Decimal("451.00"), False),
    ]


def test_a_file_with_several_value_columns_needs_the_column_named():
    content = "RegioS;Perioden;A;B\nGM0193;2023;1;2\n"
    with pytest.raises(DomainError):
        parse_statline_csv(content, table="85655NED")
    assert parse_statline_csv(content, table="85655NED", column="B")[0].value == Decimal("2.00")


def test_a_reimport_keeps_the_old_value_as_a_revision(plan, petra):
    suspects = ContextIndicator.objects.get(code="youth_suspects")
    rows = parse_statline_csv(SUSPECTS_85655, table="85655NED")
    counts = context_values_import(actor=petra, indicator=suspects, rows=rows, source="85655NED")
    assert counts == {"created": 2, "revised": 0, "unchanged": 1}  # 2023 Zwolle (162) came with the plan
    revised = SUSPECTS_85655.replace('"158,5"', '"159,1"').replace(
        "Zwolle,2024,Voorlopig", "Zwolle,2024,Definitief"
    )
    counts = context_values_import(
        actor=petra, indicator=suspects, rows=parse_statline_csv(revised, table="85655NED"), source="85655NED"
    )
    assert counts["revised"] == 1
    value = ContextIndicatorValue.objects.get(indicator=suspects, year=2024, area="municipality")
    assert (value.value, value.provisional) == (Decimal("159.10"), False)
    revision = ContextIndicatorRevision.objects.get()
    assert (revision.previous_value, revision.previous_provisional) == (Decimal("158.50"), True)


def test_the_projectleider_imports_through_the_page_and_a_partner_cannot(plan, petra, bas, web):
    crimes = ContextIndicator.objects.get(code="registered_crimes")
    data = {"indicator": crimes.pk, "table": "83648NED", "filter": "SoortMisdrijf=T001161", "column": ""}
    web.force_login(bas)
    upload = SimpleUploadedFile("83648NED.csv", CRIMES_83648.encode(), content_type="text/csv")
    assert web.post("/monitoring/context/inlezen/", {**data, "file": upload}).status_code == 403
    web.force_login(petra)
    upload = SimpleUploadedFile("83648NED.csv", CRIMES_83648.encode(), content_type="text/csv")
    response = web.post("/monitoring/context/inlezen/", {**data, "file": upload})
    assert response.status_code == 302
    html = web.get("/monitoring/context/").content.decode()
    assert "2023*" in html and "513" in html
    assert ContextIndicatorValue.objects.filter(indicator=crimes, year=2022).count() == 2
