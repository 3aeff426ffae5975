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

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from idpc_guard.documents.case import CaseFile
from idpc_guard.model import Action, DocumentKind, Entity, Role, Severity

RULES_SCHEMA = "idpc-guard/rules/v1"


class Proof(StrEnum):
    """How ``rules check`` proves a worked example."""

    #: Scanned as a page: detection, case model and decision, as in a scan.
    SCAN = "scan"
    #: Only the rule lookup for the role the example states (``why`` says why).
    RULE_ONLY = "rule-only"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExampleSpec(_Strict):
    """A worked example: an item of data in its words, the facts of its case, the action.

    ``rules check`` scans each example as a one-page document of kind ``document``
    (``before``, ``text`` and ``after`` are its lines; ``case`` the case file, ``offences``
    added as ``--offence`` adds them) through the same detection, case model and decision
    code as a scan, and proves that the item (``value``, or the ``entity`` found in
    ``text``) is detected, that the tool gives it ``role`` (when stated; ``unknown``: no
    particular role) and that the action is ``expect``. ``role`` is what the words and
    the case facts make of the item: ``scene`` for an address matching the premises in
    the charge, ``defendant`` for the defendant's own phone.

    ``proof: rule-only`` (with ``why``) is for an example about a role no words can
    prove: only the rule lookup for the stated role is checked.
    """

    text: str = Field(min_length=1)
    entity: Entity
    value: str | None = Field(default=None, min_length=1)
    role: Role | None = None
    document: DocumentKind = DocumentKind.OTHER
    offences: list[str] = []
    case: CaseFile | None = None
    before: str = ""
    after: str = ""
    proof: Proof = Proof.SCAN
    why: str | None = Field(default=None, min_length=1)
    expect: Action

    @model_validator(mode="after")
    def _proof_fits(self) -> ExampleSpec:
        if self.proof is Proof.RULE_ONLY:
            if self.why is None:
                raise ValueError(
                    "proof: rule-only needs a why: saying why no text or case fact can "
                    "prove the role"
                )
            given = [k for k in ("value", "case", "before", "after") if getattr(self, k)]
            if given:
                raise ValueError(
                    f"{given[0]}: is for an example proven by a scan; a rule-only example "
                    "checks the rule lookup alone"
                )
        elif self.why is not None:
            raise ValueError("why: is for proof: rule-only examples only")
        if self.value is not None and " ".join(self.value.split()) not in " ".join(
            self.text.split()
        ):
            raise ValueError("value: must be written in text")
        return self


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
