"""The registry of document kinds is the one list: every template has its kind, every kind its
template and its row of expectations, and everything that offers documents offers these."""

from __future__ import annotations

import json

import pytest
from expected import EXPECTED

from docgen.case import load_case
from docgen.model.build import build_document
from docgen.model.kinds import KINDS, CaseLacks, Kind
from docgen.paths import TEMPLATES_DIR
from docgen.render import FORMATS

DOCUMENTS = TEMPLATES_DIR / "documents"


def test_every_template_has_a_kind_and_every_kind_a_template():
    # Files starting with "_" are parts that documents include, not documents.
    templates = {path.name for path in DOCUMENTS.glob("*.md.j2") if not path.name.startswith("_")}
    assert templates == {kind.template for kind in KINDS.values()}


def test_every_kind_has_its_row_of_expectations():
    assert set(EXPECTED) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_a_kind_is_made_in_known_formats(kind):
    assert kind.formats and set(kind.formats) <= set(FORMATS)
    assert kind.id == kind.template.removesuffix(".md.j2")


def test_a_kind_whose_needs_the_case_does_not_meet_is_refused_by_path(rustam, monkeypatch):
    needy = Kind("cat-complaint", "A test kind", "cat-complaint.md.j2",
                 needs=lambda case: {} if case["removal"] else {"removal": ["A removal is needed."]})
    monkeypatch.setitem(KINDS, "cat-complaint", needy)
    assert build_document(load_case(rustam), "cat-complaint").blocks
    rustam["removal"] = None
    with pytest.raises(CaseLacks) as lacking:
        build_document(load_case(json.loads(json.dumps(rustam))), "cat-complaint")
    assert lacking.value.errors == {"removal": ["A removal is needed."]}
