"""The form's "Make one per person": from the result page, a table of people (CSV or XLSX) laid
over the case shown there, one document each, made by the queue's workers while a page shows how
far they are, then one ZIP to download.

When the table's headers are not all case paths, a page asks which case field each column
fills (docgen.web.columns offers the fields and chooses those a header plainly names). The table
is not kept on the server meanwhile: that page carries it, as read, in a hidden input, as the
result page carries the case; only the job that follows is kept (docgen.batch.store).

The progress page refreshes itself (no script needed). A job's id, in its address, is what opens it: it
is unguessable and the job is deleted once its ZIP is downloaded, or when it expires.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from docgen.batch import jobs
from docgen.batch.items import from_group, ready
from docgen.batch.people import Table, TableUnreadable, column_problem, people, read_table
from docgen.case import CaseInvalid, load_case
from docgen.languages import LANGUAGES
from docgen.render import FORMATS, KINDS
from docgen.web.columns import LEAVE_OUT, Part, guesses, offered
from docgen.web.form import uploads
from docgen.web.responses import attachment

bp = Blueprint("group", __name__, url_prefix="/people")

#: The rows whose values are shown beside each column, so that the user sees what it holds.
SAMPLE_ROWS = 3


@bp.app_context_processor
def _kinds() -> dict:
    # For the offer on the form's result page, which this blueprint does not render.
    return {"per_person_kinds": list(KINDS.values()), "per_person_languages": list(LANGUAGES.values())}


class _Refused(Exception):
    """What cannot be used, said to the user on a page of its own."""


@bp.post("")
def create() -> Response | tuple[str, int]:
    try:
        kind, format, language = _document()
        table = request.files.get("people")
        if not table or not table.filename:
            raise _Refused("Choose the table of people (CSV or XLSX) first.")
        base, loaded = _base_case("The case did not come with the table. Go back to the result page.")
        read = read_table(table.read())
    except (_Refused, TableUnreadable) as error:
        return _refused(str(error), [])
    if all(header and column_problem(header) is None for header in read.headers) \
            and len(set(read.headers)) == len(read.headers):
        job, failures = _submit(base, read, kind, format, language)
        if job is None:
            return _refused("No row of the table makes a valid case, so nothing was made.", failures)
        return redirect(url_for("group.progress", job=job), code=303)
    # Headers that are not all case paths: the user says which field each column fills.
    parts = offered(loaded, read.headers)
    return _columns_page(read, parts, guesses(parts, loaded, read.headers), {}, status=200)


@bp.post("/columns")
def columns() -> Response | tuple[str, int]:
    """The table again, from the page that asked for its columns, with the case field the user
    chose for each."""
    try:
        kind, format, language = _document()
        base, loaded = _base_case("The case did not come back with the table. Upload the table "
                                  "again from the result page.")
        read = Table.from_json(uploads.read_json(request.form.get("_table", "").encode("utf-8"),
                                                 "table"))
    except uploads.UploadError:
        return _refused("The table did not come back. Upload it again from the result page.", [])
    except (_Refused, TableUnreadable) as error:
        return _refused(str(error), [])
    chosen = [request.form.get(f"column-{index}", "") for index in range(len(read.headers))]
    parts = offered(loaded, read.headers)
    errors = _column_errors(chosen)
    if errors:
        return _columns_page(read, parts, chosen, errors)
    mapped = read.with_headers([None if path == LEAVE_OUT else path for path in chosen])
    job, failures = _submit(base, mapped, kind, format, language)
    if job is None:
        return _columns_page(read, parts, chosen, {}, failures=failures, message=(
            "No row of the table makes a valid case with these columns, so nothing was made. "
            "Check the rows listed below, and the field chosen for each column."))
    return redirect(url_for("group.progress", job=job), code=303)


def _document() -> tuple[str, str, str | None]:
    """The document, format and language (None: each case's) chosen for every person."""
    kind, format = request.form.get("document", ""), request.form.get("format", "")
    if kind not in KINDS or format not in KINDS[kind].formats or format not in FORMATS:
        raise _Refused("Choose a document and a format docgen makes.")
    language = request.form.get("language") or None
    if language is not None and language not in KINDS[kind].languages:
        raise _Refused(f"The {KINDS[kind].title.lower()} is not written in that language: choose "
                       f"{', '.join(LANGUAGES[code].name for code in KINDS[kind].languages)}.")
    return kind, format, language


def _base_case(missing: str) -> tuple[dict, dict]:
    """The case carried by the page, as sent and as loaded."""
    try:
        base = uploads.read_case(request.form.get("_case", "").encode("utf-8"))
        return base, load_case(base).data
    except uploads.UploadError:
        raise _Refused(missing) from None
    except CaseInvalid:
        raise _Refused("The case is not valid: go back to the form and check it first.") from None


def _submit(base: dict, table: Table, kind: str, format: str,
            language: str | None) -> tuple[str | None, list[dict]]:
    """The job made of the table's valid rows, and what was refused, by row and column; None
    for the job when no row could be used."""
    group = people(base, table)
    items, lacking = ready(from_group(group, kind, format, language=language))
    refused = [{"row": e.row, "path": e.column, "message": e.message} for e in group.errors] + lacking
    if not items:
        return None, refused
    return jobs.submit(items, refused, reference=f"{kind}-per-person"), refused


def _column_errors(chosen: list[str]) -> dict[int, str]:
    """What is wrong with the choice for each column, by the column's position."""
    errors: dict[int, str] = {}
    first: dict[str, int] = {}
    for index, path in enumerate(chosen):
        if not path:
            errors[index] = "Choose the case field this column fills, or leave the column out."
        elif path != LEAVE_OUT and (problem := column_problem(path)):
            errors[index] = problem
        elif path != LEAVE_OUT and path in first:
            errors[index] = (f"Column {first[path] + 1} fills this field already: choose another, "
                             "or leave one of the two out.")
        else:
            first.setdefault(path, index)
    if not errors and all(path == LEAVE_OUT for path in chosen):
        errors[0] = "Every column is left out: choose the case field of at least one."
    return errors


def _columns_page(table: Table, parts: list[Part], chosen: list[str], errors: dict[int, str],
                  status: int = 422, failures: Sequence[dict] = (), message: str = "") -> tuple[str, int]:
    """The page that asks which case field each column fills, with ``chosen`` selected."""
    samples = [[cells[index] for _, cells in table.rows[:SAMPLE_ROWS]
                if cells[index] is not None] for index in range(len(table.headers))]
    return render_template(
        "group/columns.html", headers=table.headers, samples=samples, parts=parts, chosen=chosen,
        errors=errors, failures=failures, message=message, leave_out=LEAVE_OUT,
        table_json=json.dumps(table.to_json()), case_json=request.form.get("_case", ""),
        document=request.form.get("document", ""), format=request.form.get("format", ""),
        language=request.form.get("language", ""),
    ), status


@bp.get("/<job>")
def progress(job: str) -> Response:
    status = jobs.status(job)
    if status is None:
        abort(404)
    failed = sum(1 for failure in status.failures if failure["path"] is None)
    response = Response(render_template("group/progress.html", status=status,
                                        made=status.done - failed, failures=status.failures))
    if status.state != "done":
        response.headers["Refresh"] = "2"  # the page follows the job without a script
    return response


@bp.get("/<job>/result")
def result(job: str) -> Response:
    status = jobs.status(job)
    if status is None or status.state != "done":
        abort(404)
    name, data = jobs.result(job)
    return attachment(data, "application/zip", name)


def _refused(message: str, failures: list[dict]) -> tuple[str, int]:
    return render_template("group/refused.html", message=message, failures=failures,
                           case_json=request.form.get("_case", "")), 422
