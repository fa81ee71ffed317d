"""The command line: `docgen validate`, and the other commands, over the same functions the web
service calls. Exit codes: 0 done, 1 the case is invalid, 2 the command could not run (a missing
file, a file that is not JSON, bad usage)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from docgen.bundle import BUNDLED
from docgen.case import Case, CaseInvalid, load_case
from docgen.languages import LANGUAGES
from docgen.render import FORMATS, KINDS, CaseLacks, filename, render, warnings
from docgen.terminal import EXIT_INVALID, check_kind, fail, read_case_file, write

def _print_report(
    errors: dict[str, list[str]], warnings: list[dict[str, str]], as_json: bool, err: bool = False
) -> None:
    """The report of a check: on stdout for `validate`, whose output it is; on stderr for
    `render`, whose stdout may be the document itself."""
    if as_json:
        click.echo(json.dumps({"errors": errors, "warnings": warnings}, indent=2, ensure_ascii=False), err=err)
        return
    for path, messages in errors.items():
        for message in messages:
            click.echo(f"{path}: {message}", err=err)
    for warning in warnings:
        click.echo(f"warning: {warning['path']}: {warning['message']}", err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """docgen: legal filings against removal to torture, from the facts of a case."""


def _load_or_exit(case_file: Path, as_json: bool, err: bool = False) -> Case:
    try:
        return load_case(read_case_file(case_file))
    except CaseInvalid as invalid:
        _print_report(invalid.errors, [], as_json, err)
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help='Print {"errors": {...}, "warnings": [...]}.')
def validate(case_file: Path, as_json: bool) -> None:
    """Check CASE_FILE: exit 0 when valid (warnings printed), 1 when invalid (errors printed)."""
    case = _load_or_exit(case_file, as_json)
    _print_report({}, case.warnings, as_json)
    if not as_json and not case.warnings:
        click.echo(f"{case_file}: valid")


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--document", "-d", "kind", required=True, type=click.Choice(list(KINDS)),
              help="Which document to make.")
@click.option("--format", "-f", "format_", default="pdf", show_default=True,
              type=click.Choice(list(FORMATS)), help="The file format.")
@click.option("--public", is_flag=True,
              help="The public edition: pseudonym for the legal name, no birth date, address or "
                   "identity numbers.")
@click.option("--language", "-l", type=click.Choice(list(LANGUAGES)), default=None,
              help="The language to write the document in.  [default: the case's language]")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the file ('-' for standard output). Default: "
                   "KIND[-public][-LANGUAGE].FORMAT in the current folder, the kind named in the "
                   "document's language, which the name gives when it is not the case's.")
@click.option("--final", is_flag=True,
              help="The final edition, without a draft's marks of what is still to verify; "
                   "refused (exit 1, each item listed) while anything remains to verify.")
def render_command(case_file: Path, kind: str, format_: str, public: bool, language: str | None,
                   output: Path | None, final: bool) -> None:
    """Make a document from CASE_FILE as DOCX, PDF or HTML."""
    check_kind(kind, format_, public)
    case = _load_or_exit(case_file, as_json=False, err=True)
    _print_report({}, warnings(case, kind, language), as_json=False, err=True)
    try:
        data = render(case, kind, format_, public=public, final=final, language=language)
    except CaseLacks as lacking:
        click.echo(f"docgen: {lacking.headline}:", err=True)
        _print_report(lacking.errors, [], as_json=False, err=True)
        sys.exit(EXIT_INVALID)
    # Named by what it is, without the pseudonym and date that a download's name carries.
    named = filename(kind, format_, public=public, case={"language": case.data["language"]},
                     language=language)
    write(data, output or Path(named))


main.add_command(render_command, name="render")


@main.command()
@click.argument("cases", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--base", type=click.Path(path_type=Path, dir_okay=False),
              help="The case holding what a group shares (with --people).")
@click.option("--people", type=click.Path(path_type=Path, dir_okay=False),
              help="A CSV or XLSX table, one row per person, headed by case paths "
                   "(complainants.0.legal_name, procedural_history.1.decided...).")
@click.option("--document", "-d", "kind", required=True, type=click.Choice(list(KINDS)),
              help="Which document to make for each person or case.")
@click.option("--format", "-f", "format_", default="pdf", show_default=True,
              type=click.Choice(list(FORMATS)), help="The file format.")
@click.option("--public", is_flag=True, help="The public editions.")
@click.option("--language", "-l", type=click.Choice(list(LANGUAGES)), default=None,
              help="The language to write each document in.  [default: each case's language]")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("documents.zip"), show_default=True,
              help="The ZIP to write ('-' for standard output).")
@click.option("--processes", "-j", type=click.IntRange(min=1), default=None,
              help="Documents made at once. Default: one per CPU core.")
def batch(cases: tuple[Path, ...], base: Path | None, people: Path | None, kind: str, format_: str,
          public: bool, language: str | None, output: Path, processes: int | None) -> None:
    """Make one document per person of a group (--base CASE --people TABLE), or per case file
    (CASES: files or folders of them), into one ZIP. Rows or files that are not valid are
    reported by row and field, the others made; exit 1 if any was not."""
    from docgen.batch import cli as batch_cli  # openpyxl and the process pool only here

    batch_cli.run(cases, base, people, kind, format_, public, language, output, processes)


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--document", "-d", "kind", required=True, type=click.Choice(BUNDLED),
              help="Which document leads the bundle.")
@click.option("--annex", "-a", "annex_files", multiple=True, metavar="ID=FILE.pdf",
              help="An annex of the case (by its id) and the PDF that holds it; once per annex.")
@click.option("--language", "-l", type=click.Choice(list(LANGUAGES)), default=None,
              help="The language of the document, its index and stamps.  [default: the case's language]")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the PDF ('-' for standard output). Default: "
                   "PSEUDONYM-KIND-bundle[-LANGUAGE]-DATE.pdf, in the document's language.")
def bundle(case_file: Path, kind: str, annex_files: tuple[str, ...], language: str | None,
           output: Path | None) -> None:
    """Make the filing bundle of CASE_FILE: the document, an index of annexes, the annexes stamped."""
    from docgen.bundle import BundleInvalid, bundle_filename, make_bundle

    files: dict[str, bytes] = {}
    for given in annex_files:
        annex_id, sep, name = given.partition("=")
        if not sep or not annex_id or not name:
            fail(f"--annex {given!r}: write ID=FILE.pdf")
        if annex_id in files:
            fail(f"--annex {annex_id}: given twice")
        try:
            files[annex_id] = Path(name).read_bytes()
        except OSError as error:
            fail(f"{name}: cannot read it ({error.strerror or error.__class__.__name__})")
    case = _load_or_exit(case_file, as_json=False, err=True)
    _print_report({}, warnings(case, kind, language), as_json=False, err=True)
    try:
        made = make_bundle(case, kind, files, language=language)
    except BundleInvalid as invalid:
        _print_report(invalid.errors, [], as_json=False, err=True)
        sys.exit(EXIT_INVALID)
    except CaseLacks as lacking:
        click.echo(f"docgen: the case lacks what the {kind} needs:", err=True)
        _print_report(lacking.errors, [], as_json=False, err=True)
        sys.exit(EXIT_INVALID)
    _print_report({}, made.warnings, as_json=False, err=True)
    write(made.pdf, output or Path(bundle_filename(kind, case.data, language)))


@main.command()
@click.option("--processes", "-j", type=click.IntRange(min=1), default=None,
              help="Documents made at once. Default: one per CPU core.")
def worker(processes: int | None) -> None:
    """Make the documents of queued jobs: on this machine's queue, or with DOCGEN_REDIS_URL set
    on Redis, beside any number of other workers."""
    from docgen.batch.queue import run_worker  # Celery only for the queue

    run_worker(processes)


@main.command()
def documents() -> None:
    """List the documents docgen makes: id, title, and the languages it is written in (--language)."""
    for kind in KINDS.values():
        click.echo(f"{kind.id}\t{kind.title}\t{' '.join(kind.languages)}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; 0.0.0.0 for every interface (put TLS in front).")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: one per CPU core.")
def serve(host: str, port: int, workers: int | None) -> None:
    """Run the web form and the JSON API under gunicorn."""
    from docgen.web.serve import serve as run_service  # gunicorn only when serving

    run_service(host, port, workers)
