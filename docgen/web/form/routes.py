"""The web form: a person fills in a case, sees errors beside the fields, downloads documents.

docgen keeps no case on the server. The form posts everything to `/`, which answers with the
form again (a row added or removed, sources imported, a case opened, errors shown) or, once the
case is valid, with download buttons and previews rendered only when opened (`/preview`); each
carries the case as JSON, which `/download` and `/preview` validate again before they render. Everything works without JavaScript; the
script in static/ only makes adding rows and moving around quicker.

Case contents are never logged: messages name the kind of problem, not what was typed.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.exceptions import RequestEntityTooLarge

from docgen.case import Case, CaseInvalid, load_case
from docgen.render import KINDS, CaseLacks, prepare
from docgen.web import cache
from docgen.web.budget import RenderTimeout, render_budget
from docgen.web.form import downloads, formdata, uploads
from docgen.web.form.formview import SummaryItem, build_form, countries

bp = Blueprint("form", __name__, template_folder="templates")


@bp.context_processor
def _globals() -> dict[str, Any]:
    # csrf_token() is also what CSRFProtect gives templates; defined here so the form renders the
    # field even in an app that has not set CSRFProtect up.
    return {"csrf_token": generate_csrf, "countries": countries()}


@bp.get("/")
def index() -> str:
    return _form_page({})


@bp.post("/")
def submit() -> Response | tuple[str, int] | str:
    action = request.form.get("_action", "check")
    case = formdata.fields_to_case(request.form, drop_blank=False)
    problems: dict[str, list[str]] = {}
    notices: list[str] = []
    target = ""

    if action == "edit":
        # From the result page: the case it carried, back into the form.
        try:
            case = uploads.read_case(request.form.get("_case", "").encode("utf-8"))
        except uploads.UploadError as error:
            problems["_case"] = [str(error)]
        else:
            return _form_page(case, validate=True)

    opened = request.files.get("_case_file")
    if opened and opened.filename:
        try:
            case = uploads.read_case(opened.read())
        except uploads.UploadError as error:
            problems["_case_file"] = [str(error)]
        else:
            notices.append("The case file was opened: check it and carry on.")
            action = "open"

    imported = request.files.get("_csl_file")
    if imported and imported.filename:
        try:
            items = uploads.read_csl(imported.read())
        except uploads.UploadError as error:
            problems["_csl_file"] = [str(error)]
        else:
            before = case.get("sources")
            target = f"sources.{len(before) if isinstance(before, list) else 0}"
            notices.append(f"{len(items)} source{'s' if len(items) != 1 else ''} imported "
                           "at the end of Sources.")
            notices.extend(uploads.add_sources(case, items))

    if problems:
        return _form_page(case, upload_errors=problems, notices=notices), 400
    if action == "open":
        return _form_page(case, notices=notices, validate=True)
    if action == "import":
        return _form_page(case, notices=notices or ["Choose a CSL-JSON file to import first."],
                          focus=target)
    if action.startswith("add:"):
        path = action[4:]
        index = formdata.add_row(case, path)
        return _form_page(case, notices=notices, focus=formdata.join(path, index) if index is not None else "")
    if action.startswith("remove:"):
        path = action[7:]
        formdata.remove_row(case, path)
        return _form_page(case, notices=notices, focus=path.rpartition(".")[0])

    clean = compact(case)
    if action == "save":
        return _attachment(downloads.case_file(clean), downloads.JSON_TYPE, downloads.CASE_FILE)
    try:
        loaded = load_case(clean)
    except CaseInvalid as invalid:
        return _form_page(clean, errors=invalid.errors, notices=notices), 422
    return _result_page(clean, loaded)


@bp.post("/download")
def download() -> Response | tuple[str, int]:
    wanted = downloads.DOWNLOADS.get(request.form.get("file", ""))
    if wanted is None:
        return _problem_page("That is not a file docgen makes.", 400)
    case_json, loaded = _carried_case()
    prepare(wanted.format)  # outside the budget: see docgen.render.prepare
    if wanted.format == "zip":
        prepare("pdf")
    with render_budget():
        content, media_type = downloads.make(wanted, loaded, case_json, _renderer(case_json, loaded))
    return _attachment(content, media_type, wanted.name)


@bp.post("/preview")
def preview() -> Response | tuple[str, int]:
    """One document's preview, asked for when it is opened on the result page: the script puts
    it in the page's sandboxed frame; without scripting it opens as a page of its own."""
    kind = request.form.get("kind", "")
    if kind not in KINDS:
        return _problem_page("That is not a document docgen makes.", 400)
    case_json, loaded = _carried_case()
    with render_budget():
        page = downloads.preview(_renderer(case_json, loaded), kind, url_for("form.preview_css"))
    return Response(page, mimetype="text/html")


class _Refused(Exception):
    """The request cannot be answered with a document; ``page`` says why, to the person."""

    def __init__(self, page: tuple[str, int]) -> None:
        super().__init__(page[1])
        self.page = page


@bp.errorhandler(_Refused)
def refused(error: _Refused) -> tuple[str, int]:
    return error.page


@bp.errorhandler(CaseLacks)
def case_lacks(lacking: CaseLacks) -> tuple[str, int]:
    case_json, _ = _carried_case()
    return _problem_page(f"The case lacks what the {lacking.kind.title.lower()} needs, so it was "
                         "not made.", 422, errors=build_form(case_json, lacking.errors).errors,
                         case=case_json)


def _carried_case() -> tuple[dict, Case]:
    """The case the result page sends with a download or a preview, as JSON and validated."""
    try:
        case_json = uploads.read_case(request.form.get("_case", "").encode("utf-8"))
    except uploads.UploadError:
        raise _Refused(_problem_page(
            "The case did not come with the request. Go back to the form, check the case again "
            "and download from the result page.", 400)) from None
    try:
        return case_json, load_case(case_json)
    except CaseInvalid as invalid:
        raise _Refused(_problem_page(
            "The case sent with the request is not valid, so no document was made.", 422,
            errors=build_form(case_json, invalid.errors).errors, case=case_json)) from None


def _renderer(case_json: dict, loaded: Case) -> downloads.Renderer:
    """The case's documents through this worker's cache, within this browser session."""
    renders, scope, sent = cache.renders(), cache.form_scope(), cache.canonical(case_json)
    return lambda kind, format, public=False: renders.render(scope, sent, loaded, kind, format,
                                                             public=public)


@bp.get("/preview.css")
def preview_css() -> Response:
    response = Response(downloads.preview_stylesheet(), mimetype="text/css")
    response.cache_control.max_age = 3600
    return response


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return _problem_page(
        f"What was sent is larger than docgen accepts ({limit // (1024 * 1024)} MB at most, with "
        "no more fields than a case can have), so nothing was read. Go back with your browser's "
        "Back button: the form there still holds what you typed. If you chose a file to open or "
        "import, choose a smaller one.", 413)


@bp.errorhandler(RenderTimeout)
def render_timeout(error: RenderTimeout) -> tuple[str, int]:
    # The case goes back with the page, so that the work is not lost.
    if request.endpoint in ("form.download", "form.preview"):
        try:
            case = uploads.read_case(request.form.get("_case", "").encode("utf-8"))
        except uploads.UploadError:
            case = None
    else:
        case = compact(formdata.fields_to_case(request.form, drop_blank=False))
    return _problem_page(
        f"Making the documents took longer than the {error.seconds:g} seconds docgen allows, so it "
        "was stopped and nothing of it was kept. Go back to the form with the case and try again "
        "in a while; a case with fewer events or sources is quicker to make.", 503, case=case)


@bp.errorhandler(CSRFError)
def csrf_refused(error: CSRFError) -> tuple[str, int]:
    # Nothing is done with a request that lacks a valid token. A form that was only stale (its
    # session ended) is shown again with what it held, so the work is not lost: the user checks
    # it and sends it once more, now with a fresh token.
    if request.endpoint == "form.submit":
        case = formdata.fields_to_case(request.form, drop_blank=False)
        return _form_page(case, upload_errors={"_form": [
            "The form had expired, so docgen did not act on it. Everything you typed is below "
            "(files you chose must be chosen again): press the button once more."]}), 400
    return _problem_page("The page had expired, so docgen did not act on it. Go back, reload "
                         "the page and try again.", 400)


def compact(case: dict) -> dict:
    """The case as load_case should see it: blank rows and empty inputs left out."""
    return formdata.fields_to_case(formdata.case_to_fields(case))


def _form_page(case: dict, *, errors: dict | None = None, upload_errors: dict | None = None,
               notices: list[str] | None = None, focus: str = "", validate: bool = False) -> str:
    warnings: list = []
    if validate:
        try:
            warnings = load_case(compact(case)).warnings
        except CaseInvalid as invalid:
            errors = invalid.errors
    view = build_form(case, errors, warnings)
    if focus:
        view.focus(focus)
    upload_errors = upload_errors or {}
    for key, messages in upload_errors.items():
        for message in messages:
            view.errors.insert(0, SummaryItem(f"field-{key}", _UPLOAD_TITLES[key], message))
    return render_template("form/form.html", view=view, notices=notices or [],
                           upload_errors=upload_errors, checked=errors is not None or validate)


_UPLOAD_TITLES = {"_case_file": "Open a saved case", "_csl_file": "Import sources (CSL-JSON)",
                  "_form": "The form", "_case": "The case"}


def _result_page(case_json: dict, loaded) -> str:
    view = build_form(case_json, {}, loaded.warnings)
    documents = []
    for kind in KINDS.values():
        lacking = kind.needs(loaded.data)
        documents.append({
            "kind": kind.id, "title": kind.title,
            # What the case lacks for this document, each item beside its field's title.
            "lacking": build_form(case_json, lacking).errors if lacking else [],
            "downloads": [] if lacking else downloads.document_downloads(kind.id),
        })
    return render_template(
        "form/result.html", documents=documents, warnings=view.warnings,
        case_json=json.dumps(case_json, ensure_ascii=False, separators=(",", ":")),
        bundles=[downloads.DOWNLOADS["documents.zip"], downloads.DOWNLOADS["documents-public.zip"],
                 downloads.DOWNLOADS[downloads.CASE_FILE]],
    )


def _problem_page(message: str, status: int, *, errors: list | None = None,
                  case: dict | None = None) -> tuple[str, int]:
    page = render_template("form/problem.html", message=message, errors=errors or [],
                           case_json=json.dumps(case, ensure_ascii=False) if case else "")
    return page, status


def _attachment(content: bytes, media_type: str, name: str) -> Response:
    response = Response(content, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
