"""The report snapshot as files: XLSX (a tidy data sheet plus one formatted sheet per track) and PDF.

Both are made from the snapshot only (monitoring.reports), in the Celery worker. docs/monitoring.md
describes the layout.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.formatting import EURO_NUMBER_FORMAT, euro

from .reports import indicator_rows
from .snapshot import Snapshot

TIDY_COLUMNS = [
    ("periode", lambda d, r: d["period"]["code"]),
    ("soort_periode", lambda d, r: d["period"]["kind"]),
    ("spoor", lambda d, r: r["track"]),
    ("interventie", lambda d, r: r["intervention"]),
    ("indicator", lambda d, r: r["code"]),
    ("naam", lambda d, r: r["name"]),
    ("soort", lambda d, r: r["kind"]),
    ("eenheid", lambda d, r: r["unit"]),
    ("teller", lambda d, r: _n(r["numerator"])),
    ("noemer", lambda d, r: _n(r["denominator"])),
    ("waarde", lambda d, r: _n(r["value"])),
    ("doel", lambda d, r: _n(r["target"]["value"]) if r["target"] else None),
    ("status", lambda d, r: r["status"]),
    ("goedkeuring", lambda d, r: r["approval"]),
    ("herkomst", lambda d, r: r["origin"]),
    ("bron", lambda d, r: r["source"]),
    ("gecorrigeerd", lambda d, r: "ja" if r["corrected"] else "nee"),
]

APPROVAL_NL = {"open": "open", "submitted": "ingediend", "approved": "goedgekeurd"}
LEVEL_NL = {"low": "laag", "medium": "middel", "high": "hoog", None: "niet beoordeeld"}
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


# Characters that make Excel or LibreOffice read a cell as a formula (OWASP "CSV injection"): `=`, `+`,
# `-`, `@`, a tab and a carriage return. Text from users (a source, a reason, PDCA notes) can start with one.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(workbook: Workbook) -> None:
    """Every text cell that a spreadsheet would evaluate is stored as plain text, quote-prefixed.

    openpyxl turns a string starting with `=` into a formula; this undoes that for every cell of every
    sheet, in one place, so that no writer can forget it. The cell keeps its exact text, stored as a
    string with Excel's own `quotePrefix` (what typing `'=...` does), so that editing it keeps it text.
    Numbers are not text and stay numbers."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def _n(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _level(level: str | None) -> str:
    return LEVEL_NL.get(level) or level or ""


def _sheet_title(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, "-")
    return text[:31]


def _header(ws: Any, row: int, labels: list[str]) -> None:
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=label)
        cell.font, cell.fill = _BOLD, _HEADER_FILL


def _widths(ws: Any, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _provisional_note(data: Snapshot) -> str:
    """A report made while its period was running: its figures are voorlopig (issue 12)."""
    return " – VOORLOPIG: de periode liep nog" if data["period"].get("provisional") else ""


def report_xlsx(data: Snapshot) -> bytes:
    wb = Workbook()
    tidy = wb.worksheets[0]
    tidy.title = "Gegevens"
    tidy.append([name for name, _ in TIDY_COLUMNS])
    for cell in tidy[1]:
        cell.font = _BOLD
    for tidy_row in indicator_rows(data):
        tidy.append([getter(data, tidy_row) for _, getter in TIDY_COLUMNS])
    tidy.freeze_panes = "A2"
    _widths(tidy, [10, 12, 7, 11, 34, 50, 9, 11, 12, 12, 12, 12, 11, 12, 11, 40, 12])

    for track in data["tracks"]:
        if not track["interventions"]:
            continue
        ws = wb.create_sheet(_sheet_title(f"Spoor {track['code']}"))
        ws.cell(row=1, column=1, value=f"Spoor {track['code']}. {track['name']}").font = _TITLE
        ws.cell(
            row=2,
            column=1,
            value=f"Periode: {data['period']['label']} ({APPROVAL_NL[data['period']['approval']]})"
            + _provisional_note(data),
        )
        r = 4
        for intervention in track["interventions"]:
            ws.cell(row=r, column=1, value=f"{intervention['code']} {intervention['name']}").font = Font(
                bold=True, size=12
            )
            r += 1
            for kind, label in (("output", "Output"), ("outcome", "Outcome")):
                ws.cell(row=r, column=1, value=label).font = _BOLD
                r += 1
                _header(
                    ws, r, ["Indicator", "Eenheid", "Waarde", "Teller", "Noemer", "Doel", "Status", "Bron"]
                )
                r += 1
                rows = intervention["output"] if kind == "output" else intervention["outcome"]
                if not rows:
                    ws.cell(row=r, column=1, value="(geen indicatoren)")
                    r += 1
                for row in rows:
                    ws.append([])
                    values = [
                        row["name"] + (" *" if row["corrected"] else ""),
                        row["unit_label"],
                        _n(row["value"]),
                        _n(row["numerator"]),
                        _n(row["denominator"]),
                        _n(row["target"]["value"]) if row["target"] else None,
                        row["status_label"],
                        row["source"],
                    ]
                    for col, value in enumerate(values, start=1):
                        cell = ws.cell(row=r, column=col, value=value)
                        if row["unit"] == "euro" and col in (3, 6):
                            cell.number_format = EURO_NUMBER_FORMAT
                    r += 1
                r += 1
        if track["totals"]:
            ws.cell(
                row=r, column=1, value="Totaal spoor (som van tellers gedeeld door som van noemers)"
            ).font = _BOLD
            r += 1
            _header(ws, r, ["Meetgrootheid", "Eenheid", "Waarde", "Teller", "Noemer", "Interventies"])
            r += 1
            for total in track["totals"]:
                for col, value in enumerate(
                    [
                        total["name"],
                        total["unit"],
                        _n(total["value"]),
                        _n(total["numerator"]),
                        _n(total["denominator"]),
                        ", ".join(total["interventions"]),
                    ],
                    start=1,
                ):
                    ws.cell(row=r, column=col, value=value)
                r += 1
            r += 1
        pdca = track["pdca"]
        ws.cell(row=r, column=1, value="PDCA").font = _BOLD
        r += 1
        if pdca is None:
            ws.cell(row=r, column=1, value="(geen PDCA-cyclus vastgelegd voor deze periode)")
        else:
            for label, value in (
                ("Status", pdca["status_label"]),
                ("Eigenaar", pdca["owner"]),
                ("Plan", pdca["plan"]),
                ("Do", pdca["do"]),
                ("Check", pdca["check_notes"]),
                ("Act: bijsturing", pdca["act_adjustment"]),
                ("Act: reden", pdca["act_reason"]),
            ):
                ws.cell(row=r, column=1, value=label).font = _BOLD
                ws.cell(row=r, column=2, value=value).alignment = Alignment(wrap_text=True, vertical="top")
                r += 1
        _widths(ws, [50, 14, 12, 12, 12, 12, 16, 40])

    budget = data.get("budget")
    ws = wb.create_sheet("Budget")
    if budget:
        title = f"Begrotingsjaar {budget['year']} ({budget['start']} – {budget['end']})"
        ws.append([f"{title}, stand {budget['until']}"])
        ws["A1"].font = _TITLE
        ws.append(["Maximum per jaar", _n(budget["cap"])])
        ws.append(["Toegewezen", _n(budget["allocated"])])
        ws.append(["Verplicht", _n(budget["committed"])])
        ws.append(["Besteed", _n(budget["spent"])])
        for money_row in range(2, 6):
            ws.cell(row=money_row, column=2).number_format = EURO_NUMBER_FORMAT
        ws.append(["Besteed van toegewezen (%)", _n(budget["burn_rate"])])
        ws.append(["Verstreken deel van het jaar (%)", _n(budget["elapsed"])])
        ws.append([])
        ws.append(
            [
                "Spoor",
                "Interventie",
                "Naam",
                "Toegewezen",
                "Verplicht",
                "Besteed",
                "Resterend",
                "Besteed (%)",
                "Deelnemers",
                "Kosten per deelnemer",
            ]
        )
        for cell in ws[ws.max_row]:
            cell.font, cell.fill = _BOLD, _HEADER_FILL
        for budget_row in budget["rows"]:
            ws.append(
                [
                    budget_row["track"],
                    budget_row["intervention"],
                    budget_row["name"],
                    _n(budget_row["allocated"]),
                    _n(budget_row["committed"]),
                    _n(budget_row["spent"]),
                    _n(budget_row["remaining"]),
                    _n(budget_row["burn_rate"]),
                    _n(budget_row["participants"]),
                    _n(budget_row["cost_per_participant"]),
                ]
            )
            for money_column in (4, 5, 6, 7, 10):
                ws.cell(row=ws.max_row, column=money_column).number_format = EURO_NUMBER_FORMAT
        _widths(ws, [8, 11, 45, 14, 14, 14, 14, 12, 12, 14])
    else:
        ws.append(["Geen begrotingsjaar voor deze periode."])

    ws = wb.create_sheet("Context")
    ws.append(["Indicator", "Jaar", "Zwolle", "Nederland", "Voorlopig", "Eenheid", "Bron"])
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for series in data["context"]:
        for index, year in enumerate(series["years"]):
            mun, nat = series["municipality"][index], series["national"][index]
            ws.append(
                [
                    series["name"],
                    year,
                    _n(mun["value"]) if mun else None,
                    _n(nat["value"]) if nat else None,
                    "ja" if (mun and mun["provisional"]) or (nat and nat["provisional"]) else "nee",
                    series["unit"],
                    series["source"],
                ]
            )
    _widths(ws, [42, 8, 12, 12, 10, 20, 36])

    ws = wb.create_sheet("Risico's")
    ws.append(["Code", "Risico", "Niveau", "Beoordeeld op", "Maatregelen en stand van zaken"])
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for risk in data["risks"]:
        ws.append(
            [
                risk["code"],
                risk["title"],
                _level(risk["level"]),
                risk["date"],
                risk["measures"],
            ]
        )
    _widths(ws, [7, 30, 16, 14, 80])

    ws = wb.create_sheet("Correcties")
    ws.append(
        [
            "Indicator",
            "Naam",
            "Oude teller",
            "Oude noemer",
            "Nieuwe teller",
            "Nieuwe noemer",
            "Reden",
            "Door",
            "Op",
        ]
    )
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for c in data["corrections"]:
        ws.append(
            [
                c["indicator"],
                c["name"],
                _n(c["previous_numerator"]),
                _n(c["previous_denominator"]),
                _n(c["numerator"]),
                _n(c["denominator"]),
                c["reason"],
                c["by"],
                c["at"],
            ]
        )
    _widths(ws, [32, 40, 12, 12, 12, 12, 60, 20, 22])

    neutralise_formulas(wb)
    stream = io.BytesIO()
    wb.save(stream)
    return stream.getvalue()


# --- PDF -----------------------------------------------------------------------------------------


def _fmt(value: str | None, unit: str = "") -> str:
    if value in (None, ""):
        return "–"
    if unit == "euro":
        return euro(value)
    number = Decimal(value)
    text = f"{number:,.1f}" if number != number.to_integral_value() else f"{number:,.0f}"
    text = text.replace(",", "·").replace(".", ",").replace("·", ".")
    if unit == "percentage":
        return f"{text}%"
    return text


def report_pdf(data: Snapshot) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    stream = io.BytesIO()
    doc = SimpleDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=1.6 * cm,
        rightMargin=1.6 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.6 * cm,
        title=f"Monitoringsrapportage {data['period']['label']}",
        author="pgaanpak",
        lang="nl",
    )
    table_style = TableStyle(
        [
            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
            ("FONT", (0, 1), (-1, -1), "Helvetica", 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6F0")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (2, 1), (-2, -1), "RIGHT"),
        ]
    )

    def p(text: str, style: Any = small) -> Any:
        return Paragraph(escape(text or ""), style)

    programme = data["programme"]
    story: list[Any] = [
        Paragraph(
            escape(f"Monitoringsrapportage {data['period']['label']}{_provisional_note(data)}"),
            styles["Title"],
        ),
        p(
            f"{programme['name'] if programme else ''} · versie {data['version']} · "
            f"periode {data['period']['start']} t/m {data['period']['end']} · "
            f"{APPROVAL_NL[data['period']['approval']]} · gemaakt {data['generated_at']}",
            styles["BodyText"],
        ),
        Spacer(1, 0.4 * cm),
    ]
    for track in data["tracks"]:
        if not track["interventions"]:
            continue
        story.append(Paragraph(escape(f"Spoor {track['code']}. {track['name']}"), styles["Heading2"]))
        for intervention in track["interventions"]:
            story.append(
                Paragraph(escape(f"{intervention['code']} {intervention['name']}"), styles["Heading3"])
            )
            rows = [["Indicator", "Soort", "Waarde", "Teller / noemer", "Doel", "Status"]]
            for row in (*intervention["output"], *intervention["outcome"]):
                ratio = _fmt(row["numerator"]) + (
                    f" / {_fmt(row['denominator'])}" if row["denominator"] else ""
                )
                rows.append(
                    [
                        p(row["name"] + (" *" if row["corrected"] else "")),
                        row["kind"],
                        _fmt(row["value"], row["unit"]),
                        ratio,
                        _fmt(row["target"]["value"], row["unit"]) if row["target"] else "–",
                        row["status_label"] or "–",
                    ]
                )
            table = Table(
                rows, colWidths=[7 * cm, 1.6 * cm, 2.2 * cm, 2.6 * cm, 2 * cm, 2.3 * cm], repeatRows=1
            )
            table.setStyle(table_style)
            story += [table, Spacer(1, 0.2 * cm)]
        pdca = track["pdca"]
        if pdca:
            story.append(Paragraph("PDCA", styles["Heading4"]))
            for label, value in (
                ("Status", pdca["status_label"]),
                ("Plan", pdca["plan"]),
                ("Do", pdca["do"]),
                ("Check", pdca["check_notes"]),
                (
                    "Act",
                    f"{pdca['act_adjustment']} (reden: {pdca['act_reason']})"
                    if pdca["act_adjustment"]
                    else "",
                ),
            ):
                if value:
                    story.append(p(f"{label}: {value}"))
    if data["corrections"]:
        story.append(Paragraph("Correcties na goedkeuring", styles["Heading2"]))
        rows = [["Indicator", "Was", "Wordt", "Reden", "Door, op"]]
        for c in data["corrections"]:
            rows.append(
                [
                    p(c["name"]),
                    _fmt(c["previous_numerator"]),
                    _fmt(c["numerator"]),
                    p(c["reason"]),
                    p(f"{c['by']}, {c['at'][:10]}"),
                ]
            )
        table = Table(rows, colWidths=[5 * cm, 1.8 * cm, 1.8 * cm, 6 * cm, 3 * cm], repeatRows=1)
        table.setStyle(table_style)
        story.append(table)
    budget = data.get("budget")
    if budget:
        story.append(
            Paragraph(escape(f"Budget jaar {budget['year']} (stand {budget['until']})"), styles["Heading2"])
        )
        story.append(
            p(
                f"Maximum {_fmt(budget['cap'], 'euro')} · toegewezen {_fmt(budget['allocated'], 'euro')} · "
                f"besteed {_fmt(budget['spent'], 'euro')} ("
                + (
                    f"{_fmt(budget['burn_rate'], 'percentage')} van toegewezen, "
                    if budget["burn_rate"]
                    else ""
                )
                + f"{_fmt(budget['elapsed'], 'percentage')} van het jaar verstreken)",
                styles["BodyText"],
            )
        )
        rows = [["Onderdeel", "Toegewezen", "Besteed", "Besteed %", "Kosten/deelnemer"]]
        for r in budget["rows"]:
            rows.append(
                [
                    p(f"{r['intervention'] or r['track']} {r['name']}"),
                    _fmt(r["allocated"], "euro"),
                    _fmt(r["spent"], "euro"),
                    _fmt(r["burn_rate"], "percentage"),
                    _fmt(r["cost_per_participant"], "euro"),
                ]
            )
        table = Table(rows, colWidths=[6.5 * cm, 2.8 * cm, 2.8 * cm, 2 * cm, 3 * cm], repeatRows=1)
        table.setStyle(table_style)
        story.append(table)
    if data["context"]:
        story.append(Paragraph("Contextindicatoren (per 10.000 inwoners)", styles["Heading2"]))
        rows = [["Indicator", "Jaar", "Zwolle", "Nederland"]]
        for s in data["context"]:
            for index, year in enumerate(s["years"]):
                mun, nat = s["municipality"][index], s["national"][index]
                mark = "*" if (mun and mun["provisional"]) or (nat and nat["provisional"]) else ""
                rows.append(
                    [
                        p(s["name"]),
                        f"{year}{mark}",
                        _fmt(mun["value"]) if mun else "–",
                        _fmt(nat["value"]) if nat else "–",
                    ]
                )
        table = Table(rows, colWidths=[8 * cm, 2 * cm, 3 * cm, 3 * cm], repeatRows=1)
        table.setStyle(table_style)
        story += [table, p("* voorlopig cijfer")]
    story.append(Paragraph("Risico's", styles["Heading2"]))
    rows = [["Risico", "Niveau", "Stand van zaken"]]
    for risk in data["risks"]:
        rows.append([p(f"{risk['code']} {risk['title']}"), _level(risk["level"]), p(risk["measures"])])
    table = Table(rows, colWidths=[4.5 * cm, 2.5 * cm, 10.5 * cm], repeatRows=1)
    table.setStyle(table_style)
    story.append(table)
    doc.build(story)
    return stream.getvalue()
