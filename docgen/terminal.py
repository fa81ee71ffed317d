"""What the commands share: their exit codes, reading a case file, checking the document asked
for, writing what was made, and ending with one line when something is wrong."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from docgen.jsontext import NotJson, parse_json
from docgen.render import KINDS

EXIT_INVALID = 1
EXIT_USAGE = 2


def fail(message: str) -> NoReturn:
    click.echo(f"docgen: {message}", err=True)
    sys.exit(EXIT_USAGE)


def read_case_file(path: Path) -> Any:
    """The JSON in ``path``; a missing or malformed file ends the command with one line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except (IsADirectoryError, PermissionError) as error:
        fail(f"{path}: cannot read it ({error.__class__.__name__})")
    try:
        return parse_json(data)
    except NotJson as error:
        fail(f"{path}: {error}")


def check_kind(kind: str, format_: str, public: bool) -> None:
    """Ends the command when the kind of document is not made in that format or edition."""
    record = KINDS[kind]
    if format_ not in record.formats:
        fail(f"the {kind} is made as {', '.join(record.formats)}, not {format_}")
    if public and not record.public_edition:
        fail(f"the {kind} has no public edition")


def write(data: bytes, target: Path) -> None:
    """``data`` into ``target`` ('-': standard output), or the command ends with one line."""
    if str(target) == "-":
        sys.stdout.buffer.write(data)
        return
    try:
        target.write_bytes(data)
    except OSError as error:
        fail(f"{target}: cannot write it ({error.strerror or error.__class__.__name__})")
    click.echo(f"wrote {target} ({len(data):,} bytes)", err=True)
