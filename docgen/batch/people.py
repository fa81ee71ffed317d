"""A group as one case per person: a base case (the shared facts, sources, risk, claims) and a
table of people (CSV or XLSX), one row per person, whose column headers are case paths
(`complainants.0.legal_name`, `procedural_history.1.decided`, `removal.scheduled_date`).

Each row is laid over a copy of the base case and loaded as a full case by `load_case`, so a row
is held to every rule a single case is. Problems come back by row and column and never stop the
other rows. Rows are numbered as a spreadsheet shows them: the header is row 1, the first person
row 2.

The columns under `complainants.N` describe person N whole: the base case's complainant at that
place is not used, so that no one inherits another person's birth date or passport number, and
a missing legal name is an error rather than the base case's. Every other column changes only
the field it names.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from marshmallow import RAISE, Schema, fields

from docgen.case import CaseInvalid, CaseSchema, load_case

MAX_ROWS = 1000
MAX_COLUMNS = 300
# Blank rows are skipped, but not without end: a spreadsheet can claim a million of them.
MAX_LINES = 20 * MAX_ROWS
_PERSON = re.compile(r"^complainants\.(\d+)\.")


class TableUnreadable(Exception):
    """The table cannot be read at all (not CSV or XLSX, empty, too large); says why."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as a spreadsheet shows it, cells)

    def to_json(self) -> dict:
        return {"headers": self.headers, "rows": [[number, cells] for number, cells in self.rows]}

    @classmethod
    def from_json(cls, value: Any) -> Table:
        """The table that `to_json` gave, held to the limits of a table read from a file:
        TableUnreadable for anything else."""
        try:
            headers, rows = value["headers"], value["rows"]
            if (not isinstance(headers, list) or not 0 < len(headers) <= MAX_COLUMNS
                    or not all(isinstance(header, str) for header in headers)
                    or not isinstance(rows, list) or len(rows) > MAX_ROWS):
                raise ValueError
            table = cls(headers, [(number, cells) for number, cells in rows])
            if not all(isinstance(number, int) and 1 < number <= MAX_LINES
                       and isinstance(cells, list) and len(cells) == len(headers)
                       and all(cell is None or isinstance(cell, str | bool) for cell in cells)
                       for number, cells in table.rows):
                raise ValueError
        except (KeyError, TypeError, ValueError):
            raise TableUnreadable("The table did not come back as docgen sent it: upload it "
                                  "again.") from None
        return table

    def with_headers(self, headers: list[str | None]) -> Table:
        """The table under new headers, one per column; a column whose header is None is left out."""
        kept = [index for index, header in enumerate(headers) if header is not None]
        return Table([headers[index] for index in kept],
                     [(number, [cells[index] for index in kept]) for number, cells in self.rows])


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the header, a case path; or the path of the field the rules name
    message: str


@dataclass(frozen=True)
class Person:
    row: int
    name: str  # for file names: the pseudonym, or "row-N"; never the legal name
    data: dict  # the person's full case, valid, as JSON data


@dataclass(frozen=True)
class Group:
    people: list[Person]
    errors: list[RowError]


def read_table(data: bytes) -> Table:
    """The table in ``data``: XLSX (its first sheet) or CSV (UTF-8, commas, semicolons or tabs)."""
    if data.startswith(b"PK\x03\x04"):
        return _rows(_xlsx_rows(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableUnreadable("The table is neither XLSX nor CSV in UTF-8: save it as one of "
                              "those.") from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        return _rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TableUnreadable(f"The CSV cannot be read: {error}.") from None


def _xlsx_rows(data: bytes):
    import openpyxl  # only for XLSX tables

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableUnreadable(f"The XLSX file cannot be read ({error.__class__.__name__}).") from None
    try:
        yield from workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    finally:
        workbook.close()


def _rows(lines) -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(lines, start=1):
        if number > MAX_LINES:
            raise TableUnreadable(f"The table runs past row {MAX_LINES:,}: delete the rows below "
                                  "the people.")
        cells = [_cell(value) for value in cells[:MAX_COLUMNS + 1]]
        if headers is None:
            if not any(value is not None for value in cells):
                raise TableUnreadable("The first row must name the columns (case paths such as "
                                      "complainants.0.legal_name); it is empty.")
            while cells and cells[-1] is None:
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise TableUnreadable(f"The table has more than {MAX_COLUMNS} columns.")
            headers = [str(value) if value is not None else "" for value in cells]
            continue
        if any(value is not None for value in cells):
            if len(rows) == MAX_ROWS:
                raise TableUnreadable(f"The table has more than {MAX_ROWS} people; split it.")
            rows.append((number, cells[:len(headers)] + [None] * (len(headers) - len(cells))))
    if headers is None:
        raise TableUnreadable("The table is empty.")
    return Table(headers, rows)


def _cell(value: Any) -> Any:
    """A cell as the schema reads it: text, a boolean, or None when blank. Spreadsheet dates
    become YYYY-MM-DD and whole numbers lose the ".0" a spreadsheet gives them."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def column_problem(header: str) -> str | None:
    """What is wrong with a column header, or None when it names a field of a case."""
    if not header:
        return "A column has no header: name it with a case path or delete it."
    schema: Schema | None = CaseSchema()
    field: fields.Field | None = None
    for part in header.split("."):
        if isinstance(field, fields.List):
            if not part.isdigit():
                return f"Unknown column: {header}: after a list comes a position (0, 1, ...)."
            field = field.inner
        elif schema is not None and part in schema.fields:
            field = schema.fields[part]
        elif schema is not None and schema.unknown != RAISE:
            return None  # a schema that takes any key (such as a CSL item's variables)
        else:
            return f"Unknown column: docgen has no field {header} (check the spelling)."
        schema = field.schema if isinstance(field, fields.Nested) else None
    if isinstance(field, fields.Nested | fields.List):
        return f"Unknown column: {header} is a group of fields; name one of its fields."
    return None


def people(base: dict, table: Table) -> Group:
    """Each row of ``table`` over ``base``, loaded as a case: the people whose case is valid, and
    the errors of the others (and of the header) by row and column. CaseInvalid for a base case
    that is not valid on its own."""
    load_case(base)  # raises CaseInvalid: no row can mend a broken base case
    errors = [RowError(1, header, problem) for header in dict.fromkeys(table.headers)
              if (problem := column_problem(header))]
    errors += [RowError(1, header, f"The column {header} appears more than once.")
               for header in _repeated(table.headers)]
    unusable = {error.column for error in errors}
    order = sorted((index for index, header in enumerate(table.headers) if header not in unusable),
                   key=lambda index: _sort_key(table.headers[index]))
    persons_replaced = {int(match.group(1)) for header in table.headers
                        if header not in unusable and (match := _PERSON.match(header))}
    found: list[Person] = []
    for row, cells in table.rows:
        refused = [RowError(row, header, f"Not used: the column {header} is unknown or repeated.")
                   for header, value in zip(table.headers, cells)
                   if header in unusable and value is not None]
        if refused:
            errors += refused
            continue
        data = copy.deepcopy(base)
        for index in persons_replaced:
            complainants = data.get("complainants")
            if isinstance(complainants, list) and index < len(complainants):
                complainants[index] = {}
        problems = [RowError(row, table.headers[i], problem) for i in order
                    if cells[i] is not None
                    and (problem := _set(data, table.headers[i], cells[i]))]
        if problems:
            errors += problems
            continue
        try:
            load_case(data)
        except CaseInvalid as invalid:
            errors += [RowError(row, path, " ".join(messages))
                       for path, messages in invalid.errors.items()]
            continue
        found.append(Person(row, "", data))
    return Group(_named(found), errors)


def _repeated(headers: list[str]) -> list[str]:
    seen: set[str] = set()
    repeated = [header for header in headers if header in seen or seen.add(header)]
    return list(dict.fromkeys(repeated))


def _sort_key(header: str) -> list[tuple[int, Any]]:
    # Positions in numeric order, so that item 2 of a list is set before item 10.
    return [(0, int(part)) if part.isdigit() else (1, part) for part in header.split(".")]


def _set(data: dict, header: str, value: Any) -> str | None:
    """Puts ``value`` at the path ``header`` in ``data``; what is wrong, or None."""
    parts = header.split(".")
    target: Any = data
    for part, following in zip(parts, parts[1:] + [None]):
        empty = [] if following is not None and following.isdigit() else {}
        if isinstance(target, list):
            position = int(part)
            if position > len(target):
                return (f"This row gives item {position + 1} of {header.rsplit('.', 2)[0]} while "
                        f"item {len(target) + 1} is missing from the base case and the row.")
            if position == len(target):
                target.append(value if following is None else empty)
            elif following is None:
                target[position] = value
            target = target[position]
        elif isinstance(target, dict):
            if following is None:
                target[part] = value
            else:
                if not isinstance(target.get(part), list | dict):
                    target[part] = empty
                target = target[part]
        else:
            return f"The base case has a value where {header} expects a group of fields."
    return None


def _named(found: list[Person]) -> list[Person]:
    names = file_stems([(person.row, person.data) for person in found], "row")
    return [Person(person.row, names[person.row], person.data) for person in found]


def file_stems(numbered: list[tuple[int, dict]], label: str) -> dict[int, str]:
    """A file name stem for each case by its number: the first complainant's pseudonym, made safe
    for a file name, or "row-N" (``label``-N) when the pseudonym is missing, shared with another
    case or the legal name itself."""
    stems = {number: _stem(data) for number, data in numbered}
    counts: dict[str, int] = {}
    for stem in stems.values():
        counts[stem] = counts.get(stem, 0) + 1
    return {number: stem if stem and counts[stem] == 1 else f"{label}-{number}"
            for number, stem in stems.items()}


def _stem(data: dict) -> str:
    first = data["complainants"][0]
    pseudonym, legal_name = str(first.get("pseudonym") or ""), str(first.get("legal_name") or "")
    if not pseudonym or pseudonym.casefold() == legal_name.casefold():
        return ""
    return re.sub(r"[^\w]+", "-", pseudonym).strip("-_")[:60].lower()
