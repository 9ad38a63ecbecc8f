"""CSV downloads that a spreadsheet opens safely: no cell runs as a formula (OWASP "CSV injection"),
the protective marking on the first line, and a byte-order mark so Excel reads the text as UTF-8."""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MARKING = "OFFICIAL-SENSITIVE"


def safe_cell(value) -> str:
    """A cell no spreadsheet will run: one that starts like a formula is prefixed with a quote."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([MARKING])
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()


def csv_download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(("\ufeff" + text).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # case content: no browser or proxy keeps a copy
    return response


def xlsx_download(header: list[str], rows: Iterable[Iterable], filename: str, *, sheet: str) -> HttpResponse:
    """The same table as csv_text, as an Excel workbook: the marking in the first row, text cells
    made safe the same way (openpyxl would store a text starting with "=" as a formula), numbers
    kept as numbers so the figures can be summed."""
    from openpyxl import Workbook  # only the download needs it

    book = Workbook(write_only=True)
    table = book.create_sheet(title=sheet[:31])
    table.append([MARKING])
    table.append([safe_cell(value) for value in header])
    for row in rows:
        table.append([value if isinstance(value, int | float) else safe_cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
