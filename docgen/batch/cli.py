"""`docgen batch`: the documents of a group or of many case files, made in parallel processes
into one ZIP, with a progress bar on a terminal and a line per document otherwise.

Problems go to standard error by row (or file) and field; the valid rows are made all the same.
Exit codes as the other commands: 0 all made, 1 some row or case invalid (or a document failed),
2 the command could not run."""

from __future__ import annotations

import contextlib
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import click

from docgen.batch import items as batch_items
from docgen.batch.people import TableUnreadable, people as group_people, read_table
from docgen.batch.pool import make_all
from docgen.case import CaseInvalid, load_case
from docgen.render import KINDS
from docgen.terminal import EXIT_INVALID, check_kind, fail, read_case_file, write


def run(cases: tuple[Path, ...], base: Path | None, people: Path | None, kind: str, format: str,
        public: bool, language: str | None, output: Path, processes: int | None) -> None:
    if bool(base) != bool(people) or bool(cases) == bool(base):
        fail("give either --base CASE with --people TABLE, or case files or folders, not both")
    check_kind(kind, format, public)
    if language and language not in KINDS[kind].languages:
        fail(f"--language {language}: the {kind} is written in {', '.join(KINDS[kind].languages)}")
    problems: list[str] = []
    if base:
        items = _group_items(base, people, kind, format, public, language, problems)
        where = _by_row
    else:
        items, files = _file_items(cases, kind, format, public, language, problems)
        where = files.__getitem__
    items, lacking = batch_items.ready(items)
    problems += [f"{where(failure['row'])}: {failure['path']}: {failure['message']}"
                 for failure in lacking]
    for line in problems:
        click.echo(line, err=True)
    failed = _make(items, output, processes, where)
    if problems or failed:
        sys.exit(EXIT_INVALID)


def _by_row(row: int) -> str:
    return f"row {row}"


def _group_items(base: Path, people: Path, kind: str, format: str, public: bool,
                 language: str | None, problems: list[str]) -> list[batch_items.Item]:
    base_data = read_case_file(base)
    try:
        table = read_table(people.read_bytes())
    except OSError as error:
        fail(f"{people}: cannot read it ({error.strerror or error.__class__.__name__})")
    except TableUnreadable as error:
        fail(f"{people}: {error}")
    try:
        group = group_people(base_data, table)
    except CaseInvalid as invalid:
        for path, messages in invalid.errors.items():
            click.echo(f"{base}: {path}: {' '.join(messages)}", err=True)
        sys.exit(EXIT_INVALID)
    problems += [f"{_by_row(error.row)}: {error.column}: {error.message}" for error in group.errors]
    return batch_items.from_group(group, kind, format, public, language)


def _file_items(paths: tuple[Path, ...], kind: str, format: str, public: bool,
                language: str | None, problems: list[str]) -> tuple[list[batch_items.Item], dict[int, str]]:
    """The items of the valid cases, and each item's file by its number (its `row`)."""
    files = [found for path in paths
             for found in (sorted(path.glob("*.json")) if path.is_dir() else [path])]
    if not files:
        fail("no case files (*.json) in the folders given")
    valid = []
    for number, path in enumerate(files, start=1):
        data = read_case_file(path)
        try:
            load_case(data)
        except CaseInvalid as invalid:
            problems += [f"{path}: {field}: {' '.join(messages)}"
                         for field, messages in invalid.errors.items()]
            continue
        valid.append((number, data, kind, format, public, language))
    return batch_items.from_cases(valid, label="case"), dict(enumerate(map(str, files), start=1))


def _make(items: list[batch_items.Item], output: Path, processes: int | None,
          where: Callable[[int], str]) -> int:
    """Writes the ZIP; the number of documents that failed. ``where``: an item's row or file."""
    failed = 0
    buffer = io.BytesIO()
    terminal = sys.stderr.isatty()
    with contextlib.ExitStack() as stack:
        archive = stack.enter_context(zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED))
        bar = stack.enter_context(click.progressbar(length=len(items), label="Making documents",
                                                    file=sys.stderr)) if terminal else None
        for done, (item, data) in enumerate(make_all(items, processes), start=1):
            if data is None:
                failed += 1
                click.echo(f"{where(item.row)}: {item.filename} could not be made (a fault in "
                           "docgen; please report it)", err=True)
            else:
                archive.writestr(item.filename, data)
            if bar is not None:
                bar.update(1)
            elif data is not None:
                click.echo(f"{done}/{len(items)} {item.filename}", err=True)
    write(buffer.getvalue(), output)
    return failed

