"""Getting tables out of Stint: a CSV file the user names, or a table on the clipboard (tab
separated for spreadsheets and editors, HTML for mail and documents).

Cells are plain text from Salesforce and from people: the HTML form escapes every one, so a
record named "<b>x</b>" arrives as those characters, never as markup.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QMimeData, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from desktop.domain.text import escape_markup

Table = tuple[list[str], list[list[str]]]  # (headers, rows)


translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts


def model_table(model: QAbstractItemModel, hidden: Sequence[int] = ()) -> Table:
    """The model's header and rows as shown (display text; a check box as yes/no), without
    the `hidden` columns."""
    columns = [c for c in range(model.columnCount()) if c not in hidden]
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in columns
    ]
    rows = []
    for row in range(model.rowCount()):
        cells = []
        for column in columns:
            index = model.index(row, column)
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            check = model.data(index, Qt.ItemDataRole.CheckStateRole)
            if not text and check is not None:
                checked = Qt.CheckState(check) == Qt.CheckState.Checked
                text = translate("TableExport", "yes") if checked else translate("TableExport", "no")
            cells.append("" if text is None else str(text))
        rows.append(cells)
    return headers, rows


def table_mime_data(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> QMimeData:
    """Tab-separated text and an HTML table of the same cells."""
    def tsv_cell(text: str) -> str:  # a tab or line break would split the cell
        return " ".join(text.replace("\t", " ").splitlines())

    lines = ["\t".join(tsv_cell(cell) for cell in line) for line in [headers, *rows]]
    head = "".join(f"<th>{escape_markup(cell)}</th>" for cell in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape_markup(cell)}</td>" for cell in line) + "</tr>"
        for line in rows
    )
    data = QMimeData()
    data.setText("\n".join(lines) + "\n")
    data.setHtml(
        '<meta charset="utf-8"><table border="1" cellspacing="0" cellpadding="4">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    return data


def copy_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    QApplication.clipboard().setMimeData(table_mime_data(headers, rows))


def choose_csv_path(parent: QWidget, suggested_name: str) -> str | None:
    """Ask where to save a CSV file (None: the user cancelled)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder or Path.home()) / suggested_name)
    path, _filter = QFileDialog.getSaveFileName(
        parent, translate("TableExport", "Export CSV"), start,
        translate("TableExport", "CSV files (*.csv);;All files (*)")
    )
    if not path:
        return None
    return path if Path(path).suffix else path + ".csv"


def write_text_file(path: str, text: str) -> None:
    """Write `text` (UTF-8) to `path` whole or not at all: a temporary file beside it is
    renamed over it, so a full disk never leaves half a file. Raises OSError."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".stint-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def csv_file_name(first_day, last_day) -> str:
    """"stint-2026-11-18.csv", or "stint-2026-11-16-to-2026-11-22.csv" for several days."""
    if first_day == last_day:
        return f"stint-{first_day.isoformat()}.csv"
    return f"stint-{first_day.isoformat()}-to-{last_day.isoformat()}.csv"
