"""The form's "Make one per person": from the result page, a table of people (CSV or XLSX) laid
over the case shown there, one document each, made by the queue's workers while a page shows how
far they are, then one ZIP to download.

The page refreshes itself (no script needed). A job's id, in its address, is what opens it: it
is unguessable and the job is deleted once its ZIP is downloaded, or when it expires.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from docgen.batch import jobs
from docgen.batch.items import from_group, ready
from docgen.batch.people import TableUnreadable, people, read_table
from docgen.case import CaseInvalid
from docgen.render import FORMATS, KINDS
from docgen.web.form import uploads
from docgen.web.responses import attachment

bp = Blueprint("group", __name__, url_prefix="/people")


@bp.app_context_processor
def _kinds() -> dict:
    # For the offer on the form's result page, which this blueprint does not render.
    return {"per_person_kinds": list(KINDS.values())}


@bp.post("")
def create() -> Response | tuple[str, int]:
    kind, format = request.form.get("document", ""), request.form.get("format", "")
    if kind not in KINDS or format not in KINDS[kind].formats or format not in FORMATS:
        return _refused("Choose a document and a format docgen makes.", [])
    table = request.files.get("people")
    if not table or not table.filename:
        return _refused("Choose the table of people (CSV or XLSX) first.", [])
    try:
        base = uploads.read_case(request.form.get("_case", "").encode("utf-8"))
        group = people(base, read_table(table.read()))
    except uploads.UploadError:
        return _refused("The case did not come with the table. Go back to the result page.", [])
    except TableUnreadable as error:
        return _refused(str(error), [])
    except CaseInvalid:
        return _refused("The case is not valid: go back to the form and check it first.", [])
    items, lacking = ready(from_group(group, kind, format))
    refused = [{"row": e.row, "path": e.column, "message": e.message} for e in group.errors] + lacking
    if not items:
        return _refused("No row of the table makes a valid case, so nothing was made.", refused)
    job = jobs.submit(items, refused, reference=f"{kind}-per-person")
    return redirect(url_for("group.progress", job=job), code=303)


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
    return render_template("group/refused.html", message=message, failures=failures), 422
