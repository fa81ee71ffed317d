"""The web form as a guided interview: one topic a step, a review of what is missing, then the
documents.

docgen keeps no case on the server. Each step's page carries the rest of the case as JSON in a
hidden input (`_case`) and shows the inputs of its own part, named by case path; a post merges
the two and answers with the same step (a row added, errors shown beside the fields), the next
one, or the result page with download buttons and previews rendered only when opened
(`/preview`); each carries the case as JSON, which `/download` and `/preview` validate again
before they render. The first step's answers (`_plan.*`) decide which steps are asked.
Everything works without JavaScript; the script in static/ keeps a draft in the tab and saves
round trips.

Case contents are never logged: messages name the kind of problem, not what was typed.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.exceptions import RequestEntityTooLarge

from docgen.bundle import ANNEX_PATH, BUNDLED, BundleInvalid, bundle_filename, make_bundle
from docgen.case import Case, CaseInvalid, load_case
from docgen.case.countries import country_name
from docgen.case.schema import ANNEX_DOCUMENTS
from docgen.languages import LANGUAGES
from docgen.model.annexes import annex_title, titled
from docgen.model.kinds import Kind
from docgen.render import KINDS, CaseLacks, NotFinal, prepare
from docgen.render import warnings as document_warnings
from docgen.web import cache, metrics
from docgen.web.budget import RenderTimeout, render_budget
from docgen.web.form import autofill, citing, downloads, formdata, uploads
from docgen.web.form.formview import SummaryItem, build_form, countries, step_of
from docgen.web.form.layout import PLAN, SECTIONS, Group, Repeat
from docgen.web.responses import attachment

bp = Blueprint("form", __name__, template_folder="templates")


@bp.context_processor
def _globals() -> dict[str, Any]:
    # csrf_token() is also what CSRFProtect gives templates; defined here so the form renders the
    # field even in an app that has not set CSRFProtect up.
    return {"csrf_token": generate_csrf, "countries": countries()}


START = "start"
REVIEW = "review"
YES, NO = "yes", "no"
_SECTION = {section.id: section for section in SECTIONS}


@bp.get("/")
def index() -> str:
    return _step_page({}, START, _plan(None, {}), fresh=True)


@bp.post("/")
def submit() -> Response | tuple[str, int] | str:
    action = request.form.get("_action", "check")
    step = request.form.get("_step", "")
    if step not in _SECTION and step != REVIEW:
        step = ""  # the whole case posted at once, as the form once was (and scripts still do)
    case = merged_case(request.form, step)
    if step in _SECTION:
        # Sources cited in brackets in the step's words become its citations; the step's box
        # marks every pinpoint on it checked.
        citing.cite_typed(case, _roots(step, case))
        if request.form.get("_checked") == "true":
            citing.mark_checked(case, _roots(step, case))
    plan = _plan(request.form, case)
    problems: dict[str, list[str]] = {}
    notices: list[str] = []

    if action == "forget":
        return _step_page({}, START, _plan(None, {}), fresh=True,
                          notices=["The case was cleared from this page."])
    if action == "edit":
        # From the result page: the case it carried, back to the review.
        try:
            case = uploads.read_case(request.form.get("_case", "").encode("utf-8"))
        except uploads.UploadError as error:
            problems["_case"] = [str(error)]
        else:
            return _review_page(case, _plan(None, case))

    opened = request.files.get("_case_file")
    if opened and opened.filename:
        try:
            case = uploads.read_case(opened.read())
        except uploads.UploadError as error:
            problems["_case_file"] = [str(error)]
        else:
            return _review_page(case, _plan(None, case),
                                notices=["The case file was opened: check it and carry on."])

    target = ""
    imported = request.files.get("_csl_file")
    if imported and imported.filename:
        step = step or "sources"
        try:
            items = uploads.read_csl(imported.read())
        except uploads.UploadError as error:
            problems["_csl_file"] = [str(error)]
        else:
            case = compact(case)  # blank rows out first: the new sources follow the typed ones
            before = case.get("sources")
            target = f"sources.{len(before) if isinstance(before, list) else 0}"
            notices.append(f"{len(items)} source{'s' if len(items) != 1 else ''} imported "
                           "at the end of Sources.")
            notices.extend(uploads.add_sources(case, items))
            autofill.fill_ids(case)

    if problems:
        return _step_page(case, step or START, plan, upload_errors=problems, notices=notices), 400
    if action == "import":
        return _step_page(case, step, plan, notices=notices or ["Choose a CSL-JSON file to import first."],
                          focus=target)
    if action == "quick":
        return _quick_source(case, step, plan)
    if action == "cite":
        return _cite(case, step, plan)
    if action.startswith("add:"):
        path, index = formdata.add_row(case, action[4:])
        return _step_page(case, step, plan, focus=formdata.join(path, index) if index is not None else "")
    if action.startswith("remove:"):
        path = action[7:]
        formdata.remove_row(case, path)
        return _step_page(case, step, plan, focus=path.rpartition(".")[0])
    if action == "resume":
        return _step_page(case, step or START, plan)

    clean = compact(case)
    autofill.fill_ids(clean)
    if step == START and plan["removal"] == NO:
        clean.pop("removal", None)
    if action == "save":
        return attachment(downloads.case_file(clean), downloads.JSON_TYPE, downloads.case_file_name(clean))
    if action.startswith("goto:"):
        wanted, _, focus = action[5:].partition(":")
        if wanted == REVIEW:
            return _review_page(clean, plan)
        if wanted in steps_of(plan):
            # From the review, the step shows its problems and warnings beside the fields (which
            # opens a "More about …" part holding one, where "Change" puts the focus).
            if step == REVIEW:
                return _step_page(clean, wanted, plan, errors=_errors_of(clean, wanted),
                                  warnings=_warnings_of(clean, wanted), focus=focus)
            return _step_page(clean, wanted, plan, focus=focus)
    if action == "back":
        return _step_page(clean, _neighbour(step, plan, -1), plan)
    if action == "continue" and step:
        errors = _errors_of(clean, step)
        if errors:
            return _step_page(clean, step, plan, errors=errors), 422
        following = _neighbour(step, plan, +1)
        if following == REVIEW:
            return _review_page(clean, plan)
        return _step_page(clean, following, plan)
    # "check" (the whole form posted at once) and "make" (from the review): the documents.
    try:
        loaded = load_case(clean)
    except CaseInvalid as invalid:
        metrics.validation_failed(invalid.errors)
        return _review_page(clean, plan, errors={**citing.unknown(clean, _KNOWN), **invalid.errors}), 422
    if unread := citing.unknown(clean, _KNOWN):
        return _review_page(clean, plan, errors=unread), 422
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
        # "Final edition" ticked on the result page: no review marks, refused while any remains.
        final = request.form.get("final") == "1"
        content, media_type, name = downloads.make(wanted, loaded, case_json,
                                                   _renderer(case_json, loaded, final=final),
                                                   _chosen_languages(case_json, loaded))
    return attachment(content, media_type, name)


@bp.post("/bundle")
def bundle() -> Response | tuple[str, int]:
    """The filing bundle of the result page: the document chosen, with the annex PDFs chosen
    there (read in memory, never kept)."""
    kind = request.form.get("document", "")
    if kind not in BUNDLED:
        return _problem_page("That is not a document docgen makes.", 400)
    case_json, loaded = _carried_case()
    files = {name.removeprefix(ANNEX_PATH): upload.read() for name, upload in request.files.items()
             if name.startswith(ANNEX_PATH) and upload.filename}
    language = _chosen_languages(case_json, loaded)[kind]
    prepare("pdf")  # outside the budget: see docgen.render.prepare
    try:
        with render_budget():
            made = make_bundle(loaded, kind, files, language=language)
    except BundleInvalid as invalid:
        titles = {ANNEX_PATH + annex["id"]: f"Annex {number}: {annex_title(annex, 'en')}"
                  for number, annex in enumerate(loaded.data["annexes"], start=1)}
        return _problem_page(
            "An annex cannot go into the bundle, so no bundle was made. Go back to the documents "
            "and choose another file for it.", 422, case=case_json,
            errors=[SummaryItem("", titles.get(path, "The annexes"), message)
                    for path, messages in invalid.errors.items() for message in messages])
    return attachment(made.pdf, "application/pdf", bundle_filename(kind, loaded.data, language))


@bp.post("/preview")
def preview() -> Response | tuple[str, int]:
    """One document's preview, asked for when it is opened on the result page: the script puts
    it in the page's sandboxed frame; without scripting it opens as a page of its own."""
    kind = request.form.get("kind", "")
    if kind not in KINDS:
        return _problem_page("That is not a document docgen makes.", 400)
    case_json, loaded = _carried_case()
    with render_budget():
        language = _chosen_languages(case_json, loaded)[kind]
        page = downloads.preview(_renderer(case_json, loaded), kind, language, url_for("form.preview_css"))
    return Response(page, mimetype="text/html")


class _Refused(Exception):
    """The request cannot be answered with a document; ``page`` says why, to the person."""

    def __init__(self, page: tuple[str, int]) -> None:
        super().__init__(page[1])
        self.page = page


@bp.errorhandler(_Refused)
def refused(error: _Refused) -> tuple[str, int]:
    return error.page


@bp.errorhandler(NotFinal)
def not_final(remaining: NotFinal) -> tuple[str, int]:
    case_json, _ = _carried_case()
    return _problem_page("The final edition was not made: it needs every fact sourced and every "
                         "pinpoint verified. “Edit the case” to settle what is listed, or download "
                         "the draft.", 422, errors=build_form(case_json, remaining.errors).errors,
                         case=case_json)


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


def _renderer(case_json: dict, loaded: Case, final: bool = False) -> downloads.Renderer:
    """The case's documents (drafts, or ``final`` editions) through this worker's cache, within
    this browser session."""
    renders, scope, sent = cache.renders(), cache.form_scope(), cache.canonical(case_json)

    def render(kind: str, format: str, public: bool = False, language: str | None = None) -> bytes:
        with metrics.rendering(kind, format, public=public):
            return renders.render(scope, sent, loaded, kind, format, public=public, final=final,
                                  language=language)

    return render


# The result page's choice of language beside each document: a field per kind.
LANGUAGE_FIELD = "language.{kind}"


def _chosen_languages(case_json: dict, loaded: Case) -> dict[str, str]:
    """The language of each document, as chosen on the result page; where none was chosen, the
    case's if the document is written in it, else the first it is written in (what the page
    shows chosen). A language the document is not written in is refused, the case kept."""
    chosen = {}
    for kind in KINDS.values():
        asked = request.form.get(LANGUAGE_FIELD.format(kind=kind.id))
        if asked is not None and asked not in kind.languages:
            raise _Refused(_problem_page(f"The {kind.title.lower()} is not written in that language.",
                                         400, case=case_json))
        chosen[kind.id] = asked or kind.written_in(loaded.data["language"])
    return chosen


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
        case = compact(merged_case(request.form, _posted_step()))
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
        step = _posted_step() or REVIEW
        case = merged_case(request.form, _posted_step())
        expired = {"_form": [
            "The form had expired, so docgen did not act on it. Everything you typed is below "
            "(files you chose must be chosen again): press the button once more."]}
        plan = _plan(request.form, case)
        if step == REVIEW:  # shown unchecked: a refused request does no work
            return _review_page(case, plan, errors={}, upload_errors=expired), 400
        return _step_page(case, step, plan, upload_errors=expired), 400
    return _problem_page("The page had expired, so docgen did not act on it. Go back, reload "
                         "the page and try again.", 400)


def compact(case: dict) -> dict:
    """The case as load_case should see it: blank rows and empty inputs left out."""
    return formdata.fields_to_case(formdata.case_to_fields(case))


def _posted_step() -> str:
    step = request.form.get("_step", "")
    return step if step in _SECTION or step == REVIEW else ""


def merged_case(form: Any, step: str) -> dict:
    """The case a step's post stands for: the carried case (`_case`) with the step's own part
    replaced by its posted inputs. Without a step, the inputs are the whole case."""
    posted = formdata.fields_to_case(form, drop_blank=False)
    if not step:
        return posted
    try:
        carried = uploads.read_case(form.get("_case", "").encode("utf-8"))
    except uploads.UploadError:
        carried = {}
    roots = _roots(step, carried)
    case = {key: value for key, value in carried.items() if key not in roots}
    case.update((key, value) for key, value in posted.items() if key in roots)
    return case


def _roots(step: str, case: dict) -> set[str]:
    """The top-level keys of the case that ``step`` shows inputs for."""
    if step in _SECTION:
        return set(_SECTION[step].roots)
    if step == REVIEW:  # keys no step knows (from an opened file), shown to be renamed or deleted
        return set(case) - _KNOWN
    return set()


_KNOWN = {root for section in SECTIONS for root in section.roots}


def _plan(form: Any, case: dict) -> dict[str, str]:
    """The first step's answers: posted, or else what the case suggests."""
    sources = case.get("complainants")
    guesses = {"several": YES if isinstance(sources, list) and len(sources) > 1 else NO,
               "removal": NO if case and not case.get("removal") else YES,
               "appeal": YES}
    posted = {key: form.get(f"_plan.{key}") for key in PLAN} if form is not None else {}
    return {key: posted[key] if posted.get(key) in (YES, NO) else guesses[key] for key in PLAN}


def steps_of(plan: dict[str, str]) -> list[str]:
    """The ids of the steps asked, in order, after the first step and before the review."""
    return [section.id for section in SECTIONS
            if not section.asked_when or plan[section.asked_when] == YES]


def _sequence(plan: dict[str, str]) -> list[str]:
    return [*steps_of(plan), REVIEW]


def _neighbour(step: str, plan: dict[str, str], offset: int) -> str:
    sequence = _sequence(plan)
    position = sequence.index(step) if step in sequence else 0
    return sequence[max(0, min(len(sequence) - 1, position + offset))]


def _errors_of(case: dict, step: str) -> dict[str, list[str]]:
    """load_case's errors about the part of the case ``step`` asks, and the brackets in it that
    cite no source of the case."""
    roots = _roots(step, case)
    errors = citing.unknown(case, roots)
    try:
        load_case(case)
    except CaseInvalid as invalid:
        errors.update((path, messages) for path, messages in invalid.errors.items()
                      if path.split(".")[0] in roots)
    return errors


def _warnings_of(case: dict, step: str) -> list[dict[str, str]]:
    """load_case's warnings about the part of the case ``step`` asks (none while it is invalid)."""
    roots = _roots(step, case)
    try:
        return [warning for warning in load_case(case).warnings if warning["path"].split(".")[0] in roots]
    except CaseInvalid:
        return []


def _progress(step: str, plan: dict[str, str]) -> list[dict]:
    titles = {REVIEW: "Review", **{s.id: s.title for s in SECTIONS}}
    if plan["several"] == NO:
        titles["complainants"] = "The complainant"
    return [{"id": item, "title": titles[item], "current": item == step}
            for item in _sequence(plan)]


def _step_page(case: dict, step: str, plan: dict[str, str], *, errors: dict | None = None,
               warnings: list[dict[str, str]] | None = None, upload_errors: dict | None = None,
               notices: list[str] | None = None, focus: str = "", fresh: bool = False) -> str:
    """The page of one step; ``fresh`` for a new case, which the script may replace by the draft."""
    if step == REVIEW:
        return _review_page(case, plan, notices=notices, upload_errors=upload_errors)
    view = build_form(autofill.suggest(case, step), errors, warnings)
    if focus:
        view.focus(focus)
    _add_upload_errors(view, upload_errors)
    section = next((s for s in view.sections if s.id == step), None)
    if section is not None and step == "complainants" and plan["several"] == NO:
        people = section.children[0]
        if len(people.children) <= 1:
            people.fixed = True
            section.title = "The complainant"
    progress = _progress(step, plan)
    position = [item["id"] for item in progress].index(step) if step in _sequence(plan) else 0
    return render_template(
        "form/step.html", view=view, section=section, step=step, plan=plan, questions=PLAN,
        progress=progress, position=position + 1, notices=notices or [],
        upload_errors=upload_errors or {}, case_json=_carried(case, step),
        citing=_cites(step), cite_rows=_citing_rows(view, step), fresh=fresh)


def _review_page(case: dict, plan: dict[str, str], *, errors: dict | None = None,
                 notices: list[str] | None = None, upload_errors: dict | None = None) -> str:
    warnings: list = []
    lacking: list[SummaryItem] = []
    clean = compact(case)
    if errors is None:
        errors = citing.unknown(clean, _KNOWN)
        try:
            loaded = load_case(clean)
        except CaseInvalid as invalid:
            errors.update(invalid.errors)
        else:
            warnings = loaded.warnings
            # Said here, not first on the result page: "nothing is missing" must hold for each document.
            lacking = build_form(case, _documents_lack(loaded.data, plan)).errors
    view = build_form(case, errors, warnings)
    _add_upload_errors(view, upload_errors)
    asked = set(steps_of(plan))
    for item in view.errors + view.warnings + lacking:
        if item.step and item.step not in asked:
            item.step = ""  # not asked with these answers: the first step changes that
    progress = _progress(REVIEW, plan)
    return render_template(
        "form/review.html", view=view, step=REVIEW, plan=plan, progress=progress,
        position=len(progress), notices=notices or [], upload_errors=upload_errors or {},
        case_json=_carried(case, REVIEW), lacking=lacking)


def _documents_lack(case: dict, plan: dict[str, str]) -> dict[str, list[str]]:
    """What documents need that the valid ``case`` lacks, by field path, each message once (it
    names the documents: "A request for interim measures needs …"); not for the documents the
    first step's answers leave out (no removal: no requests for interim measures; no appeal)."""
    lacking: dict[str, list[str]] = {}
    for kind in KINDS.values():
        if (kind.urgent and plan["removal"] == NO) or (kind.id == "appeal-letter" and plan["appeal"] == NO):
            continue
        for path, messages in kind.needs(case).items():
            listed = lacking.setdefault(path, [])
            listed.extend(message for message in messages if message not in listed)
    return lacking


def _carried(case: dict, step: str) -> str:
    """The JSON of the case that a step's page carries: all but the part its inputs show."""
    roots = _roots(step, case)
    rest = {key: value for key, value in case.items() if key not in roots}
    return json.dumps(rest, ensure_ascii=False, separators=(",", ":"))


def _cites(step: str) -> bool:
    """Whether the step asks for things that cite sources (events, risk factors, steps), whether
    or not it holds any yet."""
    def citing(children, inside: bool) -> bool:
        return any((isinstance(child, Repeat) and child.key == "sources" and inside)
                   or (isinstance(child, Group | Repeat) and isinstance(child.children, tuple)
                       and citing(child.children, True)) for child in children)

    return step in _SECTION and citing(_SECTION[step].children, False)


def _citing_rows(view, step: str) -> list:
    """The rows of the step that cite sources (events; an appeal's errors and new evidence), which
    the box "Cite one source from several rows at once" offers; not rows that cannot cite."""
    return [node for path, node in view.index.items()
            if getattr(node, "kind", "") == "row" and step_of(path) == step and citing.cites(path)]


def _add_upload_errors(view, upload_errors: dict | None) -> None:
    for key, messages in (upload_errors or {}).items():
        for message in messages:
            view.errors.insert(0, SummaryItem(f"field-{key}", _UPLOAD_TITLES[key], message))


def _quick_source(case: dict, step: str, plan: dict[str, str]):
    text = request.form.get("_quick", "")
    try:
        item = autofill.source_from(text)
    except autofill.NotASource as problem:
        return _step_page(case, step, plan, upload_errors={"_quick": [str(problem)]}), 400
    case = compact(case)
    sources = formdata.list_at(case, "sources", create=True)
    if sources is None:
        return _step_page(case, step, plan), 400
    sources.append(item)
    autofill.fill_ids(case)
    notice = ("A UN document was added: give its title and date." if "number" in item
              else "A web page was added: give its title and, if known, its date.")
    return _step_page(case, step, plan, notices=[notice],
                      focus=f"sources.{len(sources) - 1}")


def _cite(case: dict, step: str, plan: dict[str, str]):
    """One source cited, with one pinpoint, from every row ticked in the step's citing box."""
    source = request.form.get("_cite.source", "").strip()
    pinpoint = request.form.get("_cite.pinpoint", "").strip()
    rows = request.form.getlist("_cite.row")
    problems = {}
    if not source:
        problems["_cite.source"] = ["Choose the source to cite."]
    if not rows:
        problems["_cite.row"] = ["Tick the facts this source supports."]
    if problems:
        return _step_page(case, step, plan, upload_errors=problems), 400
    case = compact(case)
    cited = 0
    for row in rows:
        citations = formdata.list_at(case, f"{row}.sources", create=True)
        if citations is not None and row.split(".")[0] in _roots(step, case):
            citations.append({"source": source, **({"pinpoint": pinpoint} if pinpoint else {})})
            cited += 1
    return _step_page(case, step, plan,
                      notices=[f"The source is now cited from {cited} row{'s' if cited != 1 else ''}."])


_UPLOAD_TITLES = {"_case_file": "Open a saved case", "_csl_file": "Import sources (CSL-JSON)",
                  "_form": "The form", "_case": "The case", "_quick": "Add a source",
                  "_cite.source": "Cite a source › Source", "_cite.row": "Cite a source › Facts"}


def _result_page(case_json: dict, loaded) -> str:
    view = build_form(case_json, {}, loaded.warnings)
    documents = []
    # With a removal pending, the requests for interim measures go first: they are sent first.
    pending = bool(loaded.data["removal"])
    for kind in sorted(KINDS.values(), key=lambda kind: not (pending and kind.urgent)):
        lacking = kind.needs(loaded.data)
        documents.append({
            "kind": kind.id, "title": kind.title, "purpose": kind.purpose,
            "urgent": pending and kind.urgent,
            "language_field": LANGUAGE_FIELD.format(kind=kind.id),
            "languages": [LANGUAGES[code] for code in kind.languages],
            "language": kind.written_in(loaded.data["language"]),
            # What the case lacks for this document, each item beside its field's title.
            "lacking": build_form(case_json, lacking).errors if lacking else [],
            # What holds for this document alone (the top of the page lists the case's own).
            "checks": [] if lacking else build_form(case_json, {}, [
                warning for warning in document_warnings(loaded, kind.id)
                if warning not in loaded.warnings]).warnings,
            "downloads": [] if lacking else downloads.document_downloads(kind.id),
        })
    removal = loaded.data["removal"]
    return render_template(
        "form/result.html", documents=documents, warnings=view.warnings,
        # What the requests will say of the removal, to be read once more before they are sent.
        removal=removal and {"destination": country_name(removal["destination"]),
                             "date": str(removal["scheduled_date"] or ""), "time": removal["scheduled_time"]},
        case_json=json.dumps(case_json, ensure_ascii=False, separators=(",", ":")),
        bundles=[downloads.DOWNLOADS["documents.zip"], downloads.DOWNLOADS["documents-public.zip"],
                 downloads.DOWNLOADS[downloads.CASE_FILE]],
        filing_kinds=[KINDS[kind] for kind in BUNDLED if not KINDS[kind].needs(loaded.data)],
        annexes=titled(loaded.data["annexes"], "en"), annex_path=ANNEX_PATH,
        # The language an annex docgen makes is written in (docgen.bundle.made chooses it the same way).
        made_in={annex["id"]: _made_in(KINDS[annex["document"]])
                 for annex in loaded.data["annexes"] if annex["document"]},
        # Said here, where a bundle is put together: the step that adds them is far behind.
        annexable=[document for document in ANNEX_DOCUMENTS
                   if not any(annex["document"] == document for annex in loaded.data["annexes"])],
    )


def _made_in(kind: Kind) -> str:
    first = LANGUAGES[kind.languages[0]].name
    return f"in {first}" if len(kind.languages) == 1 else f"in the bundle’s language, else in {first}"


def _problem_page(message: str, status: int, *, errors: list | None = None,
                  case: dict | None = None) -> tuple[str, int]:
    page = render_template("form/problem.html", message=message, errors=errors or [],
                           case_json=json.dumps(case, ensure_ascii=False) if case else "")
    return page, status

