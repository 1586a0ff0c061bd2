"""Reading CBS StatLine CSV files for the context indicators (pure: text in, rows out).

Shapes understood (CBS open data "TypedDataSet" exports and StatLine's own CSV download):
- separator `;` or `,`, values quoted or not, decimal comma or point, "." or empty for no value;
- a region column `RegioS` (or `Regio's`) holding codes (GM0193 Zwolle, NL01 Nederland) or names;
- a period column `Perioden` holding `2023JJ00`, `2023` or `2023*` (the asterisk, or a `Status` column
  saying "Voorlopig", marks a provisional figure);
- the value in the one numeric column besides those, or in the column named on import.
Table 83648NED publishes per 1,000 inhabitants; its values are multiplied by 10 (per 10,000).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.errors import DomainError

MUNICIPALITY_CODES = {"GM0193", "ZWOLLE"}
NATIONAL_CODES = {"NL01", "NL00", "NEDERLAND"}
TABLE_FACTORS = {"85655NED": Decimal("1"), "83648NED": Decimal("10")}
_DIMENSIONS = {"ID", "REGIOS", "REGIO'S", "PERIODEN", "STATUS"}
_PERIOD = re.compile(r"^\s*(\d{4})(?:JJ00)?\s*(\*?)\s*$")


@dataclass(frozen=True)
class ContextRowIn:
    year: int
    area: str
    value: Decimal
    provisional: bool


def _number(text: str) -> Decimal | None:
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if text in ("", ".", "-", "x"):
        return None
    if "," in text and "." in text:  # 1.234,5: dots group thousands
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_statline_csv(
    content: str, *, table: str, column: str = "", row_filter: str = ""
) -> list[ContextRowIn]:
    if table not in TABLE_FACTORS:
        raise DomainError(_("Onbekende CBS-tabel %(table)s.") % {"table": table}, field="table")
    content = content.lstrip("\ufeff")
    first_line = content.splitlines()[0] if content.strip() else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    if not reader.fieldnames:
        raise DomainError(_("Het bestand is leeg."), field="file")
    fields = {name.strip().upper(): name for name in reader.fieldnames}
    region_col = fields.get("REGIOS") or fields.get("REGIO'S")
    period_col = fields.get("PERIODEN")
    status_col = fields.get("STATUS")
    if not region_col or not period_col:
        raise DomainError(_("Het bestand mist de kolom RegioS of Perioden."), field="file")
    rows = list(reader)
    if row_filter:
        key, _sep, wanted = row_filter.partition("=")
        key_col = fields.get(key.strip().upper())
        if not key_col:
            raise DomainError(
                _("Het bestand heeft geen kolom %(column)s.") % {"column": key.strip()}, field="filter"
            )
        rows = [r for r in rows if (r.get(key_col) or "").strip() == wanted.strip()]
    if column:
        value_col = fields.get(column.strip().upper())
        if not value_col:
            raise DomainError(
                _("Het bestand heeft geen kolom %(column)s.") % {"column": column}, field="column"
            )
    else:
        candidates = [
            name
            for upper, name in fields.items()
            if upper not in _DIMENSIONS
            and name not in (region_col, period_col)
            and rows
            and all(
                _number(r.get(name) or "") is not None or (r.get(name) or "").strip() in ("", ".")
                for r in rows
            )
            and any(_number(r.get(name) or "") is not None for r in rows)
        ]
        if len(candidates) != 1:
            raise DomainError(
                _("Kies de kolom met de waarde; het bestand heeft er meer dan één."), field="column"
            )
        value_col = candidates[0]
    factor = TABLE_FACTORS[table]
    result: dict[tuple[int, str], ContextRowIn] = {}
    for r in rows:
        region = (r.get(region_col) or "").strip().upper()
        area = (
            "municipality"
            if region in MUNICIPALITY_CODES
            else "national"
            if region in NATIONAL_CODES
            else None
        )
        if area is None:
            continue
        match = _PERIOD.match(r.get(period_col) or "")
        if not match:
            continue
        value = _number(r.get(value_col) or "")
        if value is None:
            continue
        provisional = bool(match[2]) or (
            status_col is not None and (r.get(status_col) or "").strip().lower().startswith("voorlopig")
        )
        result[(int(match[1]), area)] = ContextRowIn(
            year=int(match[1]),
            area=area,
            value=(value * factor).quantize(Decimal("0.01")),
            provisional=provisional,
        )
    if not result:
        raise DomainError(_("Geen rijen voor Zwolle of Nederland gevonden."), field="file")
    return sorted(result.values(), key=lambda row: (row.year, row.area))
