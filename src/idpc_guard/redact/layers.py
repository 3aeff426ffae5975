"""Which optional content (layers) a reader does not see, worked out from the PDF itself.

A layer is an optional content group (OCG). Whether it shows in the default view
is set by the catalog's ``/OCProperties /D``: ``/BaseState`` (``/ON`` unless said),
then the groups listed in ``/ON`` and ``/OFF``. Acrobat and Word write a hidden layer
that way, without the ``/Usage`` dictionary PyMuPDF's own answer relies on; a group
PyMuPDF does call off (by ``/Usage`` and ``/AS``) counts as off too. Content
may also be tagged with an optional content membership dictionary (OCMD): it shows
when its visibility expression ``/VE`` is true, or else by its policy ``/P`` over its
``/OCGs`` (``/AnyOn``, the default, ``/AllOn``, ``/AnyOff``, ``/AllOff``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pymupdf

_TOKEN = re.compile(r"\[|\]|/[^\s/<>\[\]()]+|\d+\s+\d+\s+R")
_REF = re.compile(r"(\d+)\s+\d+\s+R")
#: Deepest visibility expression evaluated; deeper ones count as hidden.
_MAX_DEPTH = 32
Expression = list["Expression"] | str | int


def hidden_groups(doc: pymupdf.Document) -> set[int]:
    """The xrefs of the groups and membership dictionaries hidden in the default view."""
    catalog = doc.pdf_catalog()
    if doc.xref_get_key(catalog, "OCProperties")[0] == "null":
        return set()
    states = group_states(doc, catalog)
    hidden = {xref for xref, on in states.items() if not on}
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Type") == ("name", "/OCMD") and not _ocmd_visible(
            doc, xref, states
        ):
            hidden.add(xref)
    return hidden


def group_states(doc: pymupdf.Document, catalog: int) -> dict[int, bool]:
    """Each group named in ``/OCProperties`` mapped to whether it shows by default."""
    groups = _refs(_value(doc, catalog, "OCProperties/OCGs"))
    base = doc.xref_get_key(catalog, "OCProperties/D/BaseState")[1] != "/OFF"
    states = dict.fromkeys(groups, base)
    states.update(dict.fromkeys(_refs(_value(doc, catalog, "OCProperties/D/ON")), True))
    states.update(dict.fromkeys(_refs(_value(doc, catalog, "OCProperties/D/OFF")), False))
    # A group MuPDF shows as off (by its /Usage and the /AS rules) is off as well.
    for xref, info in (doc.get_ocgs() or {}).items():
        if not info.get("on", True):
            states[xref] = False
    return states


def _value(doc: pymupdf.Document, xref: int, key: str) -> str:
    """A key's value as text, an indirect array or dictionary read from its object."""
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        return str(doc.xref_object(int(value.split()[0]), compressed=True))
    return str(value) if kind != "null" else ""


def _refs(text: str) -> list[int]:
    return [int(m.group(1)) for m in _REF.finditer(text)]


def _ocmd_visible(doc: pymupdf.Document, xref: int, states: Mapping[int, bool]) -> bool:
    expression = _value(doc, xref, "VE")
    if expression:
        return _evaluate(_parse(expression), states, 0)
    members = [states.get(ref, True) for ref in _refs(_value(doc, xref, "OCGs"))]
    if not members:
        return True
    policy = doc.xref_get_key(xref, "P")[1]
    if policy == "/AllOn":
        return all(members)
    if policy == "/AnyOff":
        return not all(members)
    if policy == "/AllOff":
        return not any(members)
    return any(members)


def _parse(text: str) -> Expression:
    """A visibility expression as nested lists of operator names and group xrefs."""
    stack: list[list[Expression]] = [[]]
    for token in _TOKEN.findall(text):
        if token == "[":
            stack.append([])
        elif token == "]" and len(stack) > 1:
            done = stack.pop()
            stack[-1].append(done)
        elif token.startswith("/"):
            stack[-1].append(token)
        else:
            stack[-1].append(int(token.split()[0]))
    top = stack[0]
    return top[0] if len(top) == 1 else top


def _evaluate(expression: Expression, states: Mapping[int, bool], depth: int) -> bool:
    if isinstance(expression, int):
        return states.get(expression, True)
    if isinstance(expression, str) or depth > _MAX_DEPTH or not expression:
        return False
    operator, operands = expression[0], expression[1:]
    values = [_evaluate(o, states, depth + 1) for o in operands]
    if operator == "/Not":
        return not values[0] if values else False
    if operator == "/Or":
        return any(values)
    if operator == "/And":
        return all(values) if values else False
    return False


def hidden_names(resources: str, hidden: set[int]) -> set[bytes]:
    """The names, in a ``/Properties`` dictionary's text, of hidden groups."""
    return {
        m.group(1).encode()
        for m in re.finditer(r"/([^\s/<>\[\]()]+)\s+(\d+)\s+0\s+R", resources)
        if int(m.group(2)) in hidden
    }


def tagged_hidden(doc: pymupdf.Document, xrefs: Sequence[int], hidden: set[int]) -> list[int]:
    """Of ``xrefs``, the objects whose ``/OC`` is a hidden group."""
    found = []
    for xref in xrefs:
        kind, value = doc.xref_get_key(xref, "OC")
        if kind == "xref" and int(value.split()[0]) in hidden:
            found.append(xref)
    return found
