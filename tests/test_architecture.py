"""The house rules, checked: stages import only what lies below them, every kind
of claim has a verification rule, and property names live in the reference, not
in code."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest

from factcheck.models import KIND_VALUE_TYPES, ClaimKind
from factcheck.verify import RULES

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"
REFERENCE = PACKAGE.parent / "reference"

# Each module's layer: a module may import its own layer and those below it.
LAYERS = {
    "errors": 0, "version": 0, "outputs": 0, "bundled": 0, "models": 0, "words": 0, "datetext": 0,
    "spans": 0, "lexicon": 1, "document": 2, "fetch": 2,
    "reference.rows": 2, "reference.names": 2, "reference.table": 3, "reference.load": 4,
    "reference": 4, "extract": 5, "link": 6, "verify": 7, "citations": 8,
    "suppress": 8, "baseline": 8, "config": 8, "changes": 8, "report": 9, "pipeline": 10,
    # around the pipeline, using it
    "reference.lint": 11, "reference.show": 11, "reference.stubs": 11,
    "reference.sources": 11, "serve": 11, "archive": 11, "cli": 12, "dev": 12,
    "bench": 13, "eval": 13, "__main__": 13,
    "__init__": 13,
}  # fmt: skip
# Claims that annotate the draft rather than state a fact: no rule checks them.
ANNOTATIONS = {ClaimKind.SUPPRESSION, ClaimKind.CITATION, ClaimKind.ATTRIBUTION}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int:
    while module not in LAYERS:
        assert "." in module, f"{module} has no layer in LAYERS — add it"
        module = module.rsplit(".", 1)[0]
    return LAYERS[module]


def _imports(path: Path) -> list[str]:
    """The factcheck modules a file imports, as dotted names inside the package."""
    module = _module_name(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.extend(
                [target] if node.module else [f"{target}.{a.name}".strip(".") for a in node.names]
            )
    return [name for name in found if name]


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_import_only_what_lies_below_them(path):
    importer = _module_name(path)
    above = [
        name for name in _imports(path) if not importer.startswith(name) and
        _layer(name) > _layer(importer)
    ]  # fmt: skip
    assert not above, f"{importer} (layer {_layer(importer)}) imports {above} from above it"


def test_every_kind_of_claim_has_a_verification_rule():
    missing = [kind.value for kind in ClaimKind if kind not in ANNOTATIONS and kind not in RULES]
    assert not missing, f"kinds without a rule in factcheck.verify.RULES: {missing}"
    assert not set(RULES) & ANNOTATIONS


def test_every_rule_says_what_its_kind_states_or_links_by_role():
    linked_by_role = {ClaimKind.OFFICE, ClaimKind.RESOLUTION}
    assert set(KIND_VALUE_TYPES) | linked_by_role == set(RULES)


def _property_names() -> set[str]:
    with (REFERENCE / "properties.csv").open(encoding="utf-8", newline="") as handle:
        return {row["property"] for row in csv.DictReader(handle)}


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _property_literals(path: Path, names: set[str]) -> list[str]:
    return [
        f"{path.name}:{line}: {text!r}"
        for line, text in _string_literals(path)
        if text in names or any(f"'{name}'" in text for name in names)
    ]


def test_no_property_name_is_written_in_code():
    """Properties are rows of reference/properties.csv; the verifier finds the ones
    it reads specially by their role. A name such as 'position_held' in code would
    break a newsroom's reference that calls it otherwise."""
    names = _property_names()
    found = [problem for path in SOURCES for problem in _property_literals(path, names)]
    assert not found, "property names in code:\n" + "\n".join(found)


def test_the_scan_sees_a_property_name_in_code(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'TERM = "position_held"\nSQL = "WHERE property = \'concerns\'"\nOK = "it concerns"\n'
    )
    assert _property_literals(sample, _property_names()) == [
        "sample.py:1: 'position_held'",
        "sample.py:2: \"WHERE property = 'concerns'\"",
    ]
