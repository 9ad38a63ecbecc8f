import io

from openpyxl import load_workbook

from csepathway.core.spreadsheets import xlsx_download


def test_an_xlsx_download_never_holds_a_formula():
    response = xlsx_download(["Name", "Number"], [["=HYPERLINK(\"http://x\")", 3], ["@SUM(A1)", 4.5]], "t.xlsx",
                             sheet="Figures")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "OFFICIAL-SENSITIVE"
    assert rows[2] == ("'=HYPERLINK(\"http://x\")", 3)
    assert rows[3] == ("'@SUM(A1)", 4.5)
    assert response["Cache-Control"] == "no-store"
