"""The layout the import contracts rely on: every top-level module is in a layer."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import idpc_guard

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _layered() -> set[str]:
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    assert isinstance(layers, list)
    return {name.strip() for layer in layers for name in layer.split("|")}


def test_every_top_level_module_and_package_is_in_a_layer() -> None:
    # A module added beside the stage packages would slip past the layers contract
    # (it is not exhaustive): it has to be placed in a layer, or in a package.
    top = {
        f"idpc_guard.{m.name}"
        for m in pkgutil.iter_modules(idpc_guard.__path__)
        if m.name not in {"__main__", "schemas"}  # schemas: JSON files, no code
    }
    assert not list(pkgutil.iter_modules([str(ROOT / "src/idpc_guard/schemas")]))
    missing = top - _layered()
    assert not missing, f"add these to a layer in pyproject.toml: {sorted(missing)}"


def test_layers_name_only_modules_that_exist() -> None:
    top = {f"idpc_guard.{m.name}" for m in pkgutil.iter_modules(idpc_guard.__path__)}
    assert _layered() <= top


def test_heavy_libraries_are_each_kept_to_their_packages() -> None:
    protected = {
        lib: c["allowed_importers"]
        for c in _contracts()
        if c["type"] == "protected"
        for lib in c["protected_modules"]  # type: ignore[attr-defined]
    }
    assert protected["pymupdf"] == [
        "idpc_guard.read",
        "idpc_guard.ocr",
        "idpc_guard.redact",
        "idpc_guard.verify",
    ]
    assert protected["spacy"] == protected["presidio_analyzer"] == ["idpc_guard.recognizers"]
    assert protected["typer"] == protected["rich"] == ["idpc_guard.cli"]
    assert protected["dask"] == ["idpc_guard.batch"]


def test_the_redaction_plan_is_kept_pure() -> None:
    # redact/plan.py is shared by redaction, the reviewer's copy and verification, and
    # unit-tested as a pure function: PyMuPDF may not reach it, even indirectly.
    forbidden = [
        c
        for c in _contracts()
        if c["type"] == "forbidden" and "pymupdf" in c["forbidden_modules"]  # type: ignore[operator]
    ]
    assert [c["source_modules"] for c in forbidden] == [["idpc_guard.redact.plan"]]
