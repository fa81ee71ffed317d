"""Form fields and case JSON, both ways, by one generic rule: an input is named by its case path.

`complainants.0.legal_name` is the legal name of the first complainant, `events.2.sources.0.pinpoint`
the pinpoint of the first source of the third event, `sources.1.issued.date-parts` a source's date.
So the posted form turns into case JSON by walking the names, marshmallow's error paths name the
inputs they are about, and a case opened from a file fills the form by the same walk backwards.

The schema (docgen.case.schema) is read only for what a name cannot say: which values are lists,
which inputs are checkboxes (absent when unticked), which CSL values are dates typed as text, and
what a new, untouched row holds (so that a row nobody filled in is left out of the case).
Values are never checked here: that is load_case's job, and a value it refuses must come back to
the form exactly as it was typed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from marshmallow import Schema, fields, missing

from docgen.case.dates import PartialDate
from docgen.case.schema import CaseSchema

# Form inputs that are not part of the case: the CSRF token, the button pressed, an upload.
INTERNAL = re.compile(r"^(_|csrf_token$)")
DATE_PARTS = "date-parts"
# Between a list's path and the value an offered row has, in an "add:" action (formview's offers).
OFFERED = ";"
_MAX_DEPTH = 10
_MAX_SEGMENT = 200


# --- The schema, read as a tree of fields ---------------------------------------------------


@cache
def root() -> Schema:
    return CaseSchema()


def fields_of(node: Any) -> dict[str, fields.Field] | None:
    """The fields of an object node (a schema or a Nested field) by their JSON key, else None."""
    schema = node.schema if isinstance(node, fields.Nested) else node
    if not isinstance(schema, Schema):
        return None
    return {field.data_key or name: field for name, field in schema.fields.items()}


def child(node: Any, key: str) -> Any:
    """The schema node one step below ``node`` (None when the schema does not know the key)."""
    if isinstance(node, fields.List):
        return node.inner if key.isdigit() else None
    if isinstance(node, fields.Dict):
        return node.value_field
    known = fields_of(node)
    return known.get(key) if known is not None else None


def node_at(path: str | Iterable[str]) -> Any:
    """The schema node for a case path; list indices may be digits or any placeholder."""
    node: Any = root()
    for key in path.split(".") if isinstance(path, str) else path:
        if isinstance(node, fields.List):
            node = node.inner
        else:
            node = child(node, key)
        if node is None:
            return None
    return node


def is_checkbox(node: Any) -> bool:
    return isinstance(node, fields.Boolean) and not node.allow_none


def is_tristate(node: Any) -> bool:
    """A yes / no / not known question, such as whether a step suspends removal."""
    return isinstance(node, fields.Boolean) and node.allow_none


def initial(node: Any, new: bool = True) -> Any:
    """What an untouched input holds: a default the schema gives, else nothing (None). A new
    row may start otherwise than a file that leaves the value out is read (``new=False``):
    "pinpoint checked" starts unticked, and a file without it means checked."""
    default = getattr(node, "load_default", missing)
    if new:
        default = getattr(node, "metadata", {}).get("form_initial", default)
    if is_checkbox(node):
        return default if isinstance(default, bool) else False
    if isinstance(default, str):
        return default
    return None


# --- Path segments ----------------------------------------------------------------------------


def quote(key: str) -> str:
    """A key as one segment of a dotted name: '.' and '%' are escaped (CSL custom keys may hold them)."""
    return key.replace("%", "%25").replace(".", "%2E")


def unquote(segment: str) -> str:
    return segment.replace("%2E", ".").replace("%2e", ".").replace("%25", "%")


def join(*parts: str | int) -> str:
    return ".".join(str(part) for part in parts if part != "")


# --- Dates typed as text for CSL's date-parts ---------------------------------------------------


def date_parts_text(value: Any) -> str | None:
    """[[2012, 7, 9]] as "2012-07-09", a range as "2012-07-09/2012-07-10"; None if it is not one."""
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        return None
    texts = []
    for part in value:
        if not isinstance(part, list) or not 1 <= len(part) <= 3:
            return None
        numbers = []
        for number in part:
            if isinstance(number, bool):
                return None
            if isinstance(number, str) and number.strip().isdigit():
                number = int(number)
            if not isinstance(number, int):
                return None
            numbers.append(number)
        texts.append("-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(numbers)))
    return "/".join(texts)


def parse_date_parts(text: str) -> list[list[int]] | None:
    """ "2012-07-09" as [[2012, 7, 9]]; None when the text is not written that way."""
    try:
        dates = [PartialDate.parse(piece.strip()) for piece in text.strip().split("/")]
    except ValueError:
        return None
    return [date.parts for date in dates] if 1 <= len(dates) <= 2 else None


# --- Case JSON to form values --------------------------------------------------------------------


def leaf_text(value: Any, node: Any = None) -> str:
    """One JSON value as an input's text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        # A date-parts list that is not a date: its JSON, so that nothing typed is lost.
        return date_parts_text(value) or json.dumps(value, ensure_ascii=False)
    return ""


def is_leaf(value: Any, node: Any) -> bool:
    """Whether ``value`` fills one input (a date-parts list does; other lists and objects do not)."""
    if isinstance(value, dict):
        return False
    if isinstance(value, list):
        return _is_date_parts(node)
    return True


def _is_date_parts(node: Any) -> bool:
    return isinstance(node, fields.Raw) and node.data_key == DATE_PARTS


def case_to_fields(data: Any, prefix: str = "", node: Any = None) -> dict[str, str]:
    """Every value of a case as {input name: text}: what the form shows, what a browser posts back.

    Unticked checkboxes come out as "false", which `fields_to_case` reads the same as an absent one.
    """
    if node is None and not prefix:
        node = root()
    flat: dict[str, str] = {}
    if is_leaf(data, node):
        if prefix and data is not None:
            flat[prefix] = leaf_text(data, node)
        return flat
    items = enumerate(data) if isinstance(data, list) else data.items()
    for key, value in items:
        key = str(key)
        flat.update(case_to_fields(value, join(prefix, quote(key)), child(node, key) if node is not None else None))
    if isinstance(data, dict):
        # A checkbox the file leaves out shows its default, as in a new row ("request
        # confidentiality" is ticked unless switched off).
        for key, field in (fields_of(node) or {}).items():
            if is_checkbox(field) and key not in data:
                flat[join(prefix, quote(key))] = leaf_text(initial(field, new=False))
    return flat


# --- Form values to case JSON --------------------------------------------------------------------


def fields_to_case(form: Any, *, drop_blank: bool = True) -> dict:
    """The case JSON of posted form fields (a MultiDict, a dict or (name, value) pairs).

    Empty inputs are left out. With ``drop_blank``, so are rows and groups nobody filled in (every
    input at what a new row shows), and list indices are closed up: the JSON load_case will see.
    Without it, blank rows stay, for a form re-shown after a row was added or removed.
    """
    raw: dict = {}
    for name, value in _pairs(form):
        if INTERNAL.match(name) or not isinstance(value, str):
            continue
        segments = name.split(".")
        if len(segments) > _MAX_DEPTH or any(not s or len(s) > _MAX_SEGMENT for s in segments):
            continue
        _insert(raw, [unquote(s) for s in segments], value.replace("\r\n", "\n").replace("\r", "\n"))
    case = _convert(raw, root(), drop_blank)
    return case if isinstance(case, dict) else {}


def _pairs(form: Any) -> Iterable[tuple[str, Any]]:
    if hasattr(form, "items") and hasattr(form, "getlist"):
        return form.items(multi=True)
    if isinstance(form, dict):
        return form.items()
    return form


def _insert(tree: dict, segments: list[str], value: str) -> None:
    """Puts ``value`` at ``segments``; a name that clashes with one already placed is skipped."""
    for key in segments[:-1]:
        existing = tree.setdefault(key, {})
        if not isinstance(existing, dict):
            return
        tree = existing
    if isinstance(tree.get(segments[-1]), dict):
        return
    # A checkbox posts its value once; should a name come twice, the last one counts.
    tree[segments[-1]] = value


_OMIT = object()


def _convert(raw: Any, node: Any, drop_blank: bool) -> Any:
    """One posted subtree as case JSON, guided by the schema node; _OMIT when there is nothing."""
    if isinstance(raw, str):
        return _convert_leaf(raw, node)
    if isinstance(node, fields.List) or (node is None and raw and all(k.isdigit() for k in raw)):
        inner = node.inner if isinstance(node, fields.List) else None
        if not all(key.isdigit() for key in raw):
            return _convert_object(raw, None, drop_blank)  # not list-shaped: load_case will say so
        items = []
        for key in sorted(raw, key=int):
            item = _convert(raw[key], inner, drop_blank)
            if item is _OMIT:  # a blank row (see _convert_object)
                if drop_blank:
                    continue
                item = "" if isinstance(raw[key], str) else {}
            items.append(item)
        return items if items else _OMIT
    return _convert_object(raw, node, drop_blank)


def _convert_object(raw: dict, node: Any, drop_blank: bool) -> Any:
    known = fields_of(node) or {}
    result = {}
    for key, value in raw.items():
        converted = _convert(value, child(node, key) if node is not None else None, drop_blank)
        if converted is not _OMIT:
            result[key] = converted
    # An unticked checkbox posts nothing: in a row that was posted, its absence means false.
    for key, field in known.items():
        if is_checkbox(field) and key not in raw:
            result[key] = False
    if not result or (drop_blank and node is not root() and _is_blank(result, node)):
        return _OMIT
    return result


def _convert_leaf(text: str, node: Any) -> Any:
    if is_checkbox(node):
        return text in ("true", "on", "1", "yes")
    if not text.strip():
        return _OMIT
    if is_tristate(node) and text in ("true", "false"):
        return text == "true"
    if _is_date_parts(node):
        parts = parse_date_parts(text)
        if parts is None and text.lstrip().startswith("["):
            try:
                parts = json.loads(text)
            except (ValueError, RecursionError):
                pass
        return parts if parts is not None else text
    return text


def _is_blank(value: Any, node: Any) -> bool:
    """Whether a converted value is what an untouched row shows."""
    if value is _OMIT or value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, dict):
        return all(_is_blank(item, child(node, key)) or item == initial(child(node, key))
                   for key, item in value.items())
    if isinstance(value, list):
        inner = node.inner if isinstance(node, fields.List) else None
        return all(_is_blank(item, inner) for item in value)
    return False


# --- Adding and removing rows without JavaScript ----------------------------------------------


def list_at(case: dict, path: str, *, create: bool = False) -> list | None:
    """The list at a dotted path of the case (made, with its parents, when ``create``)."""
    target: Any = case
    segments = [unquote(s) for s in path.split(".")]
    for position, key in enumerate(segments):
        last = position == len(segments) - 1
        if isinstance(target, list):
            if not key.isdigit() or int(key) >= len(target):
                return None
            target = target[int(key)]
            continue
        if not isinstance(target, dict):
            return None
        if key not in target:
            if not create:
                return None
            target[key] = [] if last else {}
        target = target[key]
    return target if isinstance(target, list) else None


def add_row(case: dict, added: str) -> tuple[str, int | None]:
    """Appends a row to the list ``added`` names: "events" (an empty row), or "annexes;document=
    chronology" (a row offered with one value set, under a key its rows have). The list's path
    and the row's index, or None when there is no such list."""
    path, _, offered = added.partition(OFFERED)
    node = node_at(path)
    if not isinstance(node, fields.List):
        return path, None
    rows = list_at(case, path, create=True)
    if rows is None:
        return path, None
    row_fields = fields_of(node.inner)
    key, _, value = offered.partition("=")
    if offered and rows and _is_blank(rows[-1], node.inner):
        # The blank row the form keeps ready takes the offered row: else the offered row would
        # show a number one past the one it gets once the blank row is left out ("Annex 6" that
        # becomes Annex 5), and the documents cite an annex by its number.
        rows.pop()
    rows.append("" if row_fields is None else {key: value} if key in row_fields else {})
    return path, len(rows) - 1


def remove_row(case: dict, path: str) -> bool:
    """Removes the row at ``path`` ("events.2"); False when there is no such row."""
    parent, _, index = path.rpartition(".")
    rows = list_at(case, parent) if parent and index.isdigit() else None
    if rows is None or int(index) >= len(rows):
        return False
    del rows[int(index)]
    return True
