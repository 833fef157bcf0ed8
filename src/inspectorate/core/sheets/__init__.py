"""Spreadsheets in and out, shared by every kind of fieldwork (audit worksheets, review answer
sheets) and by the reference tables: CSV and XLSX read with every problem located, text written so
that a spreadsheet never runs it as a formula, and the workbook styling the platform's sheets share.

``escaping`` and ``tables`` import no spreadsheet library until a workbook is read; ``workbooks``
imports openpyxl, so writers import it only when a workbook is asked for.
"""
