"""Layers hidden as Acrobat and Word write them, and membership rules, are cut from the copy.

The layers are written by hand (:mod:`tests.adversarial.corpus`): no ``/Usage``
dictionary, which PyMuPDF's ``add_ocg`` would add.
"""

from __future__ import annotations

from collections.abc import Callable

import pymupdf
import pytest

from idpc_guard.model import Decisions, Verdict
from idpc_guard.redact.layers import hidden_groups
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact
from idpc_guard.redact.sanitize import remove_hidden_layers
from tests.adversarial import corpus
from tests.adversarial.corpus import HIDDEN_NOTE, PHONE, layered


def _names(doc: pymupdf.Document, xrefs: set[int]) -> set[str]:
    found = set()
    for xref in xrefs:
        kind, name = doc.xref_get_key(xref, "Name")
        found.add(name if kind == "string" else doc.xref_get_key(xref, "Type")[1])
    return found


@pytest.mark.parametrize(
    ("build", "hidden"),
    [
        (corpus.layer_off_without_usage, {"Notes"}),
        (corpus.layer_base_state_off, {"Notes"}),
        (corpus.layer_ocmd_all_on, {"Notes", "/OCMD"}),
        (corpus.layer_ocmd_visibility_expression, {"/OCMD"}),
        (corpus.layer_form_xobject_ocmd, {"Notes", "/OCMD"}),
    ],
)
def test_hidden_groups_follow_the_default_view(
    build: Callable[[], bytes], hidden: set[str]
) -> None:
    doc = pymupdf.open(stream=build(), filetype="pdf")
    assert _names(doc, hidden_groups(doc)) == hidden


@pytest.mark.parametrize(
    ("policy", "shown"),
    [("/AnyOn", True), ("/AllOn", False), ("/AnyOff", True), ("/AllOff", False)],
)
def test_membership_policies(policy: str, shown: bool) -> None:
    pdf = layered(
        "<< /OCGs [{L1} {L2}] /D << /ON [{L1}] /OFF [{L2}] >> >>",
        {
            "L1": "<< /Type /OCG /Name (A) >>",
            "L2": "<< /Type /OCG /Name (B) >>",
            "MC0": "<< /Type /OCMD /OCGs [{L1} {L2}] /P " + policy + " >>",
        },
        "MC0",
    )
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    assert ("/OCMD" not in _names(doc, hidden_groups(doc))) is shown


def test_visible_layers_are_kept_and_nothing_is_hidden_without_ocproperties() -> None:
    pdf = layered(
        "<< /OCGs [{L1}] /D << /BaseState /OFF /ON [{L1}] >> >>",
        {"L1": "<< /Type /OCG /Name (Body) >>"},
        "L1",
    )
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    assert hidden_groups(doc) == set()
    remove_hidden_layers(doc)
    assert HIDDEN_NOTE in doc[0].get_text()  # a layer that shows stays shown
    assert hidden_groups(pymupdf.open(stream=corpus.statement().tobytes())) == set()


@pytest.mark.parametrize(
    "build",
    [
        corpus.layer_off_without_usage,
        corpus.layer_base_state_off,
        corpus.layer_ocmd_all_on,
        corpus.layer_ocmd_visibility_expression,
        corpus.layer_form_xobject_ocmd,
    ],
)
def test_hidden_content_is_cut_before_the_layers_go(build: Callable[[], bytes]) -> None:
    doc = pymupdf.open(stream=build(), filetype="pdf")
    remove_hidden_layers(doc)
    copy = pymupdf.open(stream=doc.tobytes(garbage=4), filetype="pdf")
    assert copy.xref_get_key(copy.pdf_catalog(), "OCProperties")[0] == "null"
    text = copy[0].get_text()
    assert HIDDEN_NOTE not in text
    assert text.count(PHONE) == 1  # the statement's own line, not the hidden copy


def test_malformed_visibility_expressions_do_not_crash() -> None:
    for expression in ("[/And]", "[/Not]", "[/Or [/Not [/And]]]", "[" * 40 + "]" * 40, "/Foo"):
        pdf = layered(
            "<< /OCGs [{L1}] /D << >> >>",
            {
                "L1": "<< /Type /OCG /Name (A) >>",
                "MC0": "<< /Type /OCMD /OCGs {L1} /VE " + expression + " >>",
            },
            "MC0",
        )
        doc = pymupdf.open(stream=pdf, filetype="pdf")
        hidden_groups(doc)


@pytest.mark.parametrize(
    "ocprops",
    [
        "(not a dictionary)",
        "<< /OCGs 7 /D [1 2] >>",
        "<< /OCGs [{L1} 999 0 R] /D << /OFF [{L1} 998 0 R] /BaseState (OFF) >> >>",
        "<< /OCGs [{L1}] /D << /ON {L1} /OFF /Foo >> >>",
    ],
)
def test_malformed_layer_settings_never_crash_the_copy(ocprops: str) -> None:
    pdf = layered(ocprops, {"L1": "<< /Type /OCG /Name (A) >>"}, "L1")
    copy = redact(pdf, redaction_plan(Decisions((), (), (), Verdict.CLEAR)))
    assert pymupdf.open(stream=copy, filetype="pdf").page_count == 1
