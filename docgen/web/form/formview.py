"""The form as the page shows it: the layout filled with a case's values, errors and warnings.

`build_form` walks `docgen.web.form.layout` beside the case JSON and the schema and gives the templates
a tree of plain objects: sections, fieldsets, rows and inputs, each input named by its case path
and told its widget (read from the schema), its value as typed, and the messages about it. Every
error of load_case lands on the input its path names, or on the nearest fieldset above it, and in
the summary with a link to it. Values the layout has no input for (a CSL variable such as
`volume`, a misspelt key in an opened file) get a plain input of their own, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pycountry
from marshmallow import fields, validate

from docgen.case import csl
from docgen.case.fields import SHORT, Country, Date, Text, Time
from docgen.web.form import formdata, wording
from docgen.web.form.layout import SECTIONS, SOURCE_TYPES, Field, Group, Repeat

PLACEHOLDER = re.compile(r"__(\d+)__")
SEPARATOR = " › "


@dataclass
class Input:
    path: str
    label: str
    title: str  # the label with its place: "Complainant 1 › Date of birth"
    widget: str  # text, textarea, date, time, country, email, url, select, checkbox
    value: str = ""
    hint: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    more_options: list[tuple[str, str]] = field(default_factory=list)  # behind "More types"
    refers_to: str = ""
    none: str = ""  # a select's words for choosing nothing (layout.Field.none)
    required: bool = False
    code: bool = False  # an id or a code: no spell checking
    autofocus: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extras: list[Input] = field(default_factory=list)  # an object typed where a value belongs
    kind: str = "input"
    initial: str = ""  # what a new row shows
    suggests: dict[str, str] = field(default_factory=dict)  # {choice: value} for `suggests_for`
    suggests_for: str = ""  # the path of the sibling input a choice fills in


    @property
    def id(self) -> str:
        return anchor(self.path)

    @property
    def checked(self) -> bool:
        return self.value == "true"

    @property
    def described_by(self) -> str:
        parts = [(self.hint, "hint"), (self.errors, "error"), (self.warnings, "warning")]
        return " ".join(f"{self.id}-{suffix}" for present, suffix in parts if present)


class _WithMore:
    """A part with optional inputs behind "More": open when they hold a problem."""

    more: list

    @property
    def more_open(self) -> bool:
        return _has_messages(self.more)

    @property
    def more_filled(self) -> int:
        return _filled(self.more)


@dataclass
class Fieldset(_WithMore):
    kind: str  # "group", "repeat" (a list), "row" (an item of a list)
    path: str
    legend: str
    title: str
    hint: str = ""
    children: list = field(default_factory=list)
    extras: list[Input] = field(default_factory=list)
    extras_label: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # A repeat: how to add a row; a row: how to remove it and which it is.
    item: str = ""
    add_label: str = ""
    offers: list[tuple[str, str]] = field(default_factory=list)  # a repeat's rows added whole: (words, action)
    pattern: str = ""
    next_index: int = 0
    number: str = ""  # the row's number as shown ("3"; a placeholder in a blank row's copy)
    scalar: bool = False  # a row that is one input (an item of a list of texts)
    autofocus: bool = False  # a repeat: focus its add button (after a row was removed)
    hide_legend: bool = False  # the legend repeats the section's heading: for screen readers only
    more: list = field(default_factory=list)  # the optional parts, behind "More"
    fixed: bool = False  # a repeat of exactly one row, asked as one thing (one complainant)

    @property
    def id(self) -> str:
        return anchor(self.path)


@dataclass
class SectionView(_WithMore):
    id: str
    title: str
    intro: str
    children: list
    more: list = field(default_factory=list)
    error_count: int = 0


def _has_messages(nodes: list) -> bool:
    """Whether any of the nodes, or anything inside them, has an error to show."""
    for node in nodes:
        inside = getattr(node, "children", []) + getattr(node, "more", []) + node.extras
        if node.errors or node.warnings or _has_messages(inside):
            return True
    return False


def _filled(nodes: list) -> int:
    """How many inputs among the nodes hold something other than what a new row shows."""
    count = 0
    for node in nodes:
        if isinstance(node, Input):
            count += bool(node.value) and node.value != node.initial
        else:
            count += _filled(node.children + node.more)
    return count


@dataclass
class SummaryItem:
    target: str  # the id to link to
    title: str
    message: str
    step: str = ""  # the step of the interview that asks it


@dataclass
class FormView:
    sections: list[SectionView]
    extras: list[Input]  # top-level keys the form does not know
    errors: list[SummaryItem]
    warnings: list[SummaryItem]
    templates: dict[str, Fieldset]  # blank rows by repeat pattern, for the script
    id_options: dict[str, list[tuple[str, str]]]
    index: dict = field(default_factory=dict)  # every input and fieldset by its path

    def focus(self, path: str) -> None:
        """Puts the keyboard focus, on load, where the user's last action leaves them: the first
        input of a row just added, or the add button of a list a row was removed from."""
        node = self.index.get(path)
        if isinstance(node, Fieldset) and node.kind == "repeat":
            node.autofocus = True
            return
        while isinstance(node, Fieldset):
            node = node.children[0] if node.children else None
        if isinstance(node, Input):
            node.autofocus = True


_STEP_OF_ROOT = {root: section.id for section in SECTIONS for root in section.roots}
_SECTION_TITLES = {section.id: section.title for section in SECTIONS}


def step_of(path: str) -> str:
    """The id of the step that asks the value at ``path`` ("" for a key no step knows)."""
    return _STEP_OF_ROOT.get(path.split(".")[0], "")


def anchor(path: str) -> str:
    return f"field-{path}" if path else "form-errors"


def build_form(case: Any, errors: dict[str, list[str]] | None = None,
               warnings: list[dict[str, str]] | None = None) -> FormView:
    data = case if isinstance(case, dict) else {}
    builder = _Builder(data)
    sections = []
    for spec in SECTIONS:
        nodes = [(child.more, builder.node(child, data, "", "")) for child in spec.children]
        sections.append(SectionView(spec.id, spec.title, spec.intro,
                                    [node for more, node in nodes if not more],
                                    [node for more, node in nodes if more]))
    for section in sections:
        for node in section.children:
            if isinstance(node, Fieldset) and node.legend == section.title:
                node.hide_legend = True
    known = {child.key for s in SECTIONS for child in s.children}
    extras = builder.extras({k: v for k, v in data.items() if k not in known}, "", "")
    templates = builder.templates()
    index = {node.path: node for node in builder.nodes}
    view = FormView(sections, extras, [], [], templates, builder.id_options, index)

    # A step's optional parts are behind its "More about …" (step.html), which a message must name
    # for its part to be found.
    behind_more = {node.path: f"More about {section.title.lower()} › "
                   for section in sections for node in section.more}

    def title_of(path: str) -> str | None:
        node, step = index.get(path), _SECTION_TITLES.get(step_of(path))
        return f"“{step} › {behind_more.get(path, '')}{node.title}”" if node is not None and step else None

    for path, messages in (errors or {}).items():
        target = _nearest(index, path)
        for message in messages:
            message = wording.titled(wording.plain(message, target), title_of)
            if target is not None:
                target.errors.append(message)
            view.errors.append(SummaryItem(anchor(target.path) if target else "form-errors",
                                           target.title if target else "The case", message,
                                           step_of(path)))
    for warning in warnings or []:
        path = warning.get("path", "")
        target = _nearest(index, path)
        message = wording.titled(warning["message"], title_of)
        if target is not None:
            target.warnings.append(message)
        view.warnings.append(SummaryItem(anchor(target.path) if target else "form-errors",
                                         target.title if target else "The case", message,
                                         step_of(path)))
    for section, spec in zip(sections, SECTIONS):
        section.error_count = sum(
            len(messages) for path, messages in (errors or {}).items()
            if path.split(".")[0] in spec.roots
        )
    return view


def _nearest(index: dict, path: str):
    segments = path.split(".") if path else []
    while segments:
        node = index.get(".".join(segments))
        if node is not None:
            return node
        segments.pop()
    return None


class _Builder:
    def __init__(self, case: dict) -> None:
        self.case = case
        self.nodes: list = []
        self.id_options = {
            "sources": _ids(case.get("sources"), ("title",)),
            "annexes": _ids(case.get("annexes"), ("title",)),
            "procedural_history": _ids(case.get("procedural_history"), ("authority", "reference")),
        }

    # --- one node of the layout at a concrete path -------------------------------------------

    def node(self, spec, parent_data: Any, parent_path: str, parent_title: str):
        value = parent_data.get(spec.key) if isinstance(parent_data, dict) else None
        path = formdata.join(parent_path, formdata.quote(spec.key))
        if isinstance(spec, Field):
            return self.input(spec, value, path, parent_title)
        if isinstance(spec, Group):
            return self.group(spec, value, path, parent_title)
        return self.repeat(spec, value, path, parent_title)

    def input(self, spec: Field, value: Any, path: str, parent_title: str) -> Input:
        schema_node = formdata.node_at(path)
        if value is None and schema_node is not None:
            value = formdata.initial(schema_node)
        text = formdata.leaf_text(value, schema_node) if formdata.is_leaf(value, schema_node) else ""
        initial = formdata.initial(schema_node) if schema_node is not None else None
        item = Input(path=path, label=spec.label, title=_join_title(parent_title, spec.label),
                     widget="text", value=text, hint=spec.hint, refers_to=spec.refers_to, none=spec.none,
                     required=bool(getattr(schema_node, "required", False)),
                     initial=formdata.leaf_text(initial))
        if spec.suggests:
            item.suggests_for = formdata.join(path.rpartition(".")[0], spec.suggests[0])
            item.suggests = spec.suggests[1]
        _describe_widget(item, schema_node, self.id_options)
        self.nodes.append(item)
        if not formdata.is_leaf(value, schema_node):
            # An object or a list where one value belongs: keep it, as inputs of its own.
            item.extras = self.extras(value, path, item.title)
        return item

    def group(self, spec: Group, value: Any, path: str, parent_title: str) -> Fieldset:
        title = _join_title(parent_title, spec.legend)
        box = Fieldset("group", path, spec.legend, title, spec.hint)
        self.nodes.append(box)
        self.fill(box, spec.children, value, path, title)
        return box

    def repeat(self, spec: Repeat, value: Any, path: str, parent_title: str) -> Fieldset:
        title = _join_title(parent_title, spec.legend)
        schema_node = formdata.node_at(path)
        box = Fieldset("repeat", path, spec.legend, title, spec.hint, item=spec.item,
                       add_label=f"Add {spec.article} {spec.item}", pattern=_pattern(path),
                       offers=[(words, f"{path}{formdata.OFFERED}{key}={value}")
                               for words, key, value in spec.offers])
        self.nodes.append(box)
        rows = value if isinstance(value, list) else []
        if not rows and _least(schema_node):
            rows = [{} if isinstance(spec.children, tuple) else ""]
        box.children = [self.row(spec, item, formdata.join(path, i), title, i) for i, item in enumerate(rows)]
        box.next_index = len(rows)
        if value is not None and not isinstance(value, list):
            box.extras = self.extras(value, path, title)
            box.extras_label = "Values in the wrong place"
        return box

    def row(self, spec: Repeat, data: Any, path: str, parent_title: str, index: int | str) -> Fieldset:
        number = index + 1 if isinstance(index, int) else index
        legend = f"{spec.item[:1].upper()}{spec.item[1:]} {number}"
        title = _join_title(parent_title.rsplit(SEPARATOR, 1)[0] if SEPARATOR in parent_title else "", legend)
        box = Fieldset("row", path, legend, title, item=spec.item, number=str(number))
        self.nodes.append(box)
        if isinstance(spec.children, Field):
            box.scalar = True
            box.children = [self.input(Field("", spec.children.label, spec.children.hint,
                                             spec.children.refers_to), data, path, title)]
            box.children[0].label = legend
            box.children[0].title = title
            return box
        self.fill(box, spec.children, data, path, title)
        return box

    def fill(self, box: Fieldset, children, data: Any, path: str, title: str) -> None:
        """The box's inputs for ``children``, and plain inputs for whatever else ``data`` holds."""
        fields_data = data if isinstance(data, dict) else {}
        nodes = [(child.more, self.node(child, fields_data, path, title)) for child in children]
        box.children = [node for more, node in nodes if not more]
        box.more = [node for more, node in nodes if more]
        known = {child.key for child in children}
        leftover = {k: v for k, v in fields_data.items() if k not in known} if isinstance(data, dict) else data
        box.extras = self.extras(leftover, path, title)
        box.extras_label = _extras_label(path)

    def extras(self, value: Any, path: str, parent_title: str) -> list[Input]:
        """Plain inputs for values the layout does not ask for, named by their case paths."""
        if value in (None, {}, []) or value == "":
            return []
        if not isinstance(value, dict | list):
            flat = {path: formdata.leaf_text(value)}
        else:
            flat = formdata.case_to_fields(value, path, formdata.node_at(path) if path else None)
        inputs = []
        for name, text in flat.items():
            relative = name[len(path) + 1:] if path and name.startswith(path + ".") else name
            label = formdata.unquote(relative) or path
            item = Input(path=name, label=label, title=_join_title(parent_title, label),
                         widget="textarea" if "\n" in text or len(text) > SHORT else "text",
                         value=text, code=True)
            self.nodes.append(item)
            inputs.append(item)
        return inputs

    # --- the blank rows the script copies -------------------------------------------------------

    def templates(self) -> dict[str, Fieldset]:
        found: dict[str, Fieldset] = {}
        saved = self.nodes

        def walk(specs, path: str, depth: int) -> None:
            for spec in specs:
                sub = formdata.join(path, formdata.quote(spec.key))
                if isinstance(spec, Group):
                    walk(spec.children, sub, depth)
                elif isinstance(spec, Repeat):
                    row_path = formdata.join(sub, f"__{depth}__")
                    self.nodes = []
                    found[_pattern(sub)] = self.row(spec, {} if isinstance(spec.children, tuple) else "",
                                                    row_path, spec.legend, f"__n{depth}__")
                    if isinstance(spec.children, tuple):
                        walk(spec.children, row_path, depth + 1)

        for section in SECTIONS:
            walk(section.children, "", 0)
        self.nodes = saved
        return found


def _describe_widget(item: Input, node: Any, id_options: dict) -> None:
    """Chooses the input's widget and options from the schema field it fills."""
    if item.refers_to == "sources":
        item.widget = "source"  # a text input with the sources as its list: searchable
        item.code = True
    elif item.refers_to:
        item.widget = "select"
        item.code = True
        empty = {"sources": "Choose a source", "annexes": "Choose an annex",
                 "procedural_history": "The latest refusal (default)"}[item.refers_to]
        if item.path.endswith("authorisation.annex"):
            empty = "None"
        item.options = [("", empty)] + list(id_options[item.refers_to])
    elif formdata.is_checkbox(node):
        item.widget = "checkbox"
    elif formdata.is_tristate(node):
        item.widget = "select"
        item.options = [("", "Not known"), ("true", "Yes"), ("false", "No")]
    elif _choices(node):
        item.widget = "select"
        item.code = True
        default = formdata.initial(node)
        label = language_name if item.path == "language" else choice_label
        empty = "Choose…" if item.required else item.none or "Not given"
        item.options = ([] if default else [("", empty)]) + [(c, label(c)) for c in _choices(node)]
        if _choices(node) == csl.TYPES:
            item.options = [("", empty), *SOURCE_TYPES.items()]
            item.more_options = [(c, choice_label(c)) for c in csl.TYPES if c not in SOURCE_TYPES]
    elif isinstance(node, Country):
        item.widget = "country"
        item.code = True
    elif isinstance(node, Date) or (isinstance(node, fields.Raw) and node.data_key == formdata.DATE_PARTS):
        item.widget = "date"
    elif isinstance(node, Time):
        item.widget = "time"  # a text input "06:30": type=time would show the browser's 12-hour clock
    elif isinstance(node, fields.Email):
        item.widget = "email"
    elif isinstance(node, fields.Url):
        item.widget = "url"
    elif isinstance(node, Text) and (node.multiline or node.max_length > SHORT):
        item.widget = "textarea" if node.multiline else "text"
    elif node is not None and not isinstance(node, Text):
        item.code = True  # ids
    offered = {value for value, _ in item.options + item.more_options}
    if item.widget == "select" and item.value not in offered:
        # A value the choices do not hold (an opened file, a removed source) stays, marked.
        item.options.append((item.value, f"{item.value} (not found)"))


def _choices(node: Any) -> tuple[str, ...]:
    for validator in getattr(node, "validators", ()):
        if isinstance(validator, validate.OneOf):
            return tuple(validator.choices)
    return ()


def choice_label(value: str) -> str:
    """ "sur_place" as "Sur place"; names written as they are spelt ("ECtHR") stay."""
    if value != value.lower():
        return value
    return value.replace("_", " ").replace("-", " ").capitalize()


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


def _least(node: Any) -> bool:
    return any(isinstance(v, validate.Length) and (v.min or 0) > 0 for v in getattr(node, "validators", ()))


def _pattern(path: str) -> str:
    return ".".join("*" if s.isdigit() or PLACEHOLDER.fullmatch(s) else s for s in path.split("."))


def _join_title(parent: str, label: str) -> str:
    return f"{parent}{SEPARATOR}{label}" if parent else label


def _extras_label(path: str) -> str:
    if path.startswith("sources."):
        return "Further CSL fields"
    return "Fields docgen does not know: rename or delete them"


def _ids(items: Any, details: tuple[str, ...]) -> list[tuple[str, str]]:
    options = []
    seen = set()
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"].strip():
            continue
        ident = item["id"]
        if ident in seen:
            continue
        seen.add(ident)
        words = " ".join(str(item[k]) for k in details if isinstance(item.get(k), str))
        label = f"{ident} — {words[:80]}" if words else ident
        options.append((ident, label))
    return options


@cache
def countries() -> tuple[tuple[str, str], ...]:
    """ISO 3166-1 alpha-2 codes with their names, for the country inputs' datalist."""
    return tuple(sorted(
        ((c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries),
        key=lambda pair: pair[1],
    ))


__all__ = ["FormView", "Input", "Fieldset", "build_form", "countries"]
