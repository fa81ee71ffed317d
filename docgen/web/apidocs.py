"""The API's reference page at /api/docs: the OpenAPI document (docgen.web.openapi) in words,
made on the server, without scripts or anything fetched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, render_template, send_from_directory

from docgen.web.openapi import spec, types_of

bp = Blueprint("apidocs", __name__, url_prefix="/api")
TEMPLATES = Path(__file__).parent / "templates" / "api"


@bp.get("/docs")
def docs() -> str:
    document = spec()
    return render_template("api/docs.html", spec=document, describe=describe,
                           schema_name=schema_name, anchor=anchor)


@bp.get("/docs.css")
def docs_stylesheet() -> Response:
    return send_from_directory(TEMPLATES, "docs.css", mimetype="text/css")


def schema_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def anchor(name: str) -> str:
    return "schema-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def describe(prop: dict[str, Any]) -> tuple[str, str | None, str, list[str]]:
    """One property of the spec in words: (words before, schema linked to, words after, rules),
    as ("array of", "Complainant", "", ["at least 1 items"])."""
    if "$ref" in prop:
        return "", schema_name(prop["$ref"]), "", _constraints(prop)
    for alternative in prop.get("anyOf", []):
        if "$ref" in alternative:
            return "", schema_name(alternative["$ref"]), "or null", _constraints(prop)
    types = [t for t in types_of(prop) if t]
    if "array" in types and "items" in prop:
        before, linked, after, rules = describe(prop["items"])
        words = " ".join(filter(None, ("array of", before))) if linked else f"array of {before or 'any'}"
        return words, linked, after, _constraints(prop) + rules
    return " or ".join(types) or "any", None, "", _constraints(prop)


def _constraints(prop: dict[str, Any]) -> list[str]:
    words = []
    if "enum" in prop:
        words.append("one of: " + ", ".join(str(v) for v in prop["enum"] if v is not None))
    if prop.get("minLength") == 1:
        words.append("not empty")
    for key, label in (("maxLength", "at most {} characters"),
                       ("minItems", "{} or more items"), ("maxItems", "at most {} items"),
                       ("maxProperties", "at most {} entries"), ("pattern", "matches {}"),
                       ("format", "format {}")):
        if key in prop and not (key in ("minItems",) and prop[key] == 0):
            words.append(label.format(prop[key]))
    if prop.get("default") is not None:
        words.append(f"default {json.dumps(prop['default'])}")
    return words
