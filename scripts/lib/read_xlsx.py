#!/usr/bin/env python3
"""Reads an XLSX workbook with openpyxl, an independent reader, and prints what a
spreadsheet user would see as JSON, for the tests of the XLSX exports (issue 16):

  {"sheet": NAME, "frozen": "A2", "widths": {"A": 40.0, ...},
   "rows": [[{"type": "text"|"number"|"date"|"bool", "value": ..., "format": CODE}, ...], ...]}

An empty cell is null. Dates are ISO strings, numbers JSON numbers. Exits 2 when the
file does not open (openpyxl raises on a malformed package, part or style).
"""
import datetime
import json
import sys

import openpyxl


def cell_json(cell):
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        kind = "bool"
    elif isinstance(value, (datetime.datetime, datetime.date)):
        kind = "date"
        value = value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
    elif isinstance(value, (int, float)):
        kind = "number"
    else:
        kind = "text"
        value = str(value)
    return {"type": kind, "value": value, "format": cell.number_format, "bold": bool(cell.font and cell.font.b)}


def main(path):
    try:
        workbook = openpyxl.load_workbook(path)
    except Exception as error:  # noqa: BLE001 - any failure to open is the finding
        print(f"openpyxl cannot open {path}: {error}", file=sys.stderr)
        return 2
    sheet = workbook.worksheets[0]
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items() if dimension.customWidth}
    rows = [[cell_json(cell) for cell in row] for row in sheet.iter_rows()]
    json.dump({"sheet": sheet.title, "frozen": sheet.freeze_panes, "widths": widths, "rows": rows}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
