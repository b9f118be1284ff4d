#!/usr/bin/env python3
"""Writes the XLSX fixtures of the reader tests with openpyxl (not with Sheaf), so the
reader is checked against a workbook it did not write: shared strings, a built-in date
format (numFmtId 14), a custom date format, floats with binary noise, booleans, an empty
row, a row with a gap, and a header that does not start in the first row.

  .build/xlsx-reader/bin/python Tests/Fixtures/XLSX/make_fixtures.py
"""
import datetime
import pathlib

import openpyxl

here = pathlib.Path(__file__).parent
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Zeiten"
sheet.append([])
sheet.append(["Datum", "Person", "Projekt", "Stunden", "Abrechenbar", "Notiz", "Tag"])
rows = [
    [datetime.date(2026, 3, 2), "Mia Member", "Website relaunch", 1.5, True, "Kick-off, \"v2\"", datetime.date(2026, 3, 2)],
    [datetime.date(2026, 3, 3), "Mia Member", "Website relaunch", 0.1 + 0.2, False, "=1+1", datetime.date(2026, 3, 3)],
    [],
    [datetime.date(2026, 3, 4), "Mia Member", None, 8, None, "  spaces kept  ", None],
]
for row in rows:
    sheet.append(row)
for cell in sheet["A"][2:]:
    cell.number_format = "mm-dd-yy"  # built-in 14
for cell in sheet["G"][2:]:
    cell.number_format = 'dd"."mm"."yyyy'
book.save(here / "openpyxl-time.xlsx")
