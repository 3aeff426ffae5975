"""The schema of a rule file: the only place where raw YAML mappings exist.

A rule file is one YAML mapping::

    schema: idpc-guard/rules/v1
    rules:
      - id: redact-phone
        description: Telephone numbers of anyone but the defendant
        entities: [PHONE_NUMBER]
        action: redact
        severity: high
        reason: A telephone number lets the defence contact or locate the person.

Every field has one spelling; unknown keys are errors. Scope fields are lists,
and an empty list means "any". ``offences`` entries name the offence taxonomy
(``rules/taxonomy.yaml``): an offence, a family or a flag by name, a statute
section (``Theft Act 1968 s.9``) or a CJS offence code (``TH68036``). An
example's ``offences`` are free text, as a case file or a charge would word them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from idpc_guard.model import Action, DocumentKind, Entity, Role, Severity

RULES_SCHEMA = "idpc-guard/rules/v1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExampleSpec(_Strict):
    """A worked example: an item of data in context, and the action the rules must give.

    ``role`` is what the case facts make of the item: ``scene`` for an address that
    matches the premises in the charge, ``defendant`` for the defendant's own phone.
    """

    text: str = Field(min_length=1)
    entity: Entity
    role: Role = Role.UNKNOWN
    document: DocumentKind = DocumentKind.OTHER
    offences: list[str] = []
    expect: Action


class RuleSpec(_Strict):
    """One rule as written in a file."""

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    description: str = Field(min_length=1)
    entities: list[Entity] = Field(min_length=1)
    offences: list[str] = []
    documents: list[DocumentKind] = []
    roles: list[Role] = []
    action: Action
    severity: Severity
    reason: str = Field(min_length=1)
    examples: list[ExampleSpec] = []


class RuleFileSpec(_Strict):
    """A whole rule file."""

    schema_: Literal["idpc-guard/rules/v1"] = Field(alias="schema")
    description: str = ""
    rules: list[RuleSpec] = Field(min_length=1)
