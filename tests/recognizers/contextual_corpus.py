"""A corpus of contextual identifiers made by code: jobs, workplaces and relations in sentences.

Every sentence is written here from templates in several styles (a witness's own
words, a police summary, an interview's answers, a neighbour's informal account, a
form's free-text box) with invented people, places and businesses (Faker ``en_GB``
and lists of our own), and the span that must be found marked. Sentences that must
*not* give a finding (an officer's own job, a form field, legal prose) are made too.

    python -m tests.recognizers.contextual_corpus [--seed 0] [-n 150]

prints each entity's recall at the recogniser and through the detection engine.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass

from faker import Faker

#: Sentences per entity and per style, for the defaults.
PER_STYLE = 25


@dataclass(frozen=True, slots=True)
class Sample:
    """A sentence, the entity in it, and the span of the value (none: nothing to find)."""

    text: str
    entity: str
    span: tuple[int, int] | None
    style: str


def _marked(template: str, entity: str, style: str) -> Sample:
    """A sample from a template whose value is written between ``[[`` and ``]]``."""
    start = template.find("[[")
    if start < 0:
        return Sample(template, entity, None, style)
    end = template.index("]]")
    text = template[:start] + template[start + 2 : end] + template[end + 2 :]
    return Sample(text, entity, (start, end - 2), style)


_JOBS = (
    "nurse", "care worker", "cleaner", "teaching assistant", "receptionist", "cashier",
    "shop assistant", "assistant manager", "supervisor", "barmaid", "chef", "kitchen porter",
    "taxi driver", "delivery driver", "postman", "plumber", "electrician", "joiner", "mechanic",
    "hairdresser", "beautician", "accountant", "security guard", "warehouse operative",
    "forklift driver", "hospital porter", "pharmacy assistant", "estate agent", "dental nurse",
    "support worker", "childminder", "bus driver", "student", "apprentice", "painter and decorator",
)  # fmt: skip
_KINDS = (
    "chip shop", "corner shop", "garage", "pub", "cafe", "bakery", "care home", "nursery",
    "hair salon", "takeaway", "launderette", "newsagents", "car wash", "petrol station",
)  # fmt: skip
_INSTITUTIONS = (
    "Royal Infirmary", "General Hospital", "Community Hospital", "Medical Centre",
    "Leisure Centre", "Retail Park", "Business Park",
)  # fmt: skip
_SHOPS = (
    "Co-op", "Greggs", "Pizza Palace", "Bargain Booze", "Poundstretcher", "Screwfix",
    "Wetherspoons", "Costa", "Iceland", "Home Bargains",
)  # fmt: skip
_FIRMS = ("Lettings", "Logistics", "Motors", "Dental Practice", "Solicitors", "Builders")
_PUBS = ("Lantern Inn", "Kings Arms", "Copper Kettle", "Station Hotel")
_STREET_TYPES = ("Lane", "Road", "Street", "Avenue", "Parade", "Way", "Row")
_CLOSE = (
    "son", "daughter", "ex-partner", "partner", "boyfriend", "girlfriend", "husband", "wife",
    "brother", "sister", "eldest son", "youngest daughter", "little boy", "baby", "stepson",
    "half-sister", "niece", "nephew", "grandson", "granddaughter", "ex-husband", "twin sister",
)  # fmt: skip
_ANY = (
    *_CLOSE, "mum", "dad", "mother", "father", "nan", "grandad", "auntie", "uncle", "cousin",
    "next-door neighbour", "best friend", "flatmate", "stepdad", "mother-in-law",
)  # fmt: skip
_ROLES = ("defendant", "victim", "complainant", "witness", "suspect", "caller")
_STATEMENT_ROLES = ("victim", "witness", "complainant")


class _Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)

    def pick(self, items: tuple[str, ...]) -> str:
        return self.rng.choice(items)

    def first(self) -> str:
        return str(self.fake.first_name())

    def surname(self) -> str:
        return str(self.fake.last_name())

    def town(self) -> str:
        return str(self.fake.city())

    def street(self) -> str:
        return f"{self.surname()} {self.pick(_STREET_TYPES)}"

    def article(self, word: str) -> str:
        return "an " if word[0] in "aeiou" else "a "

    def named_place(self) -> str:
        kind = self.rng.randrange(5)
        if kind == 0:
            return f"the {self.town()} {self.pick(_INSTITUTIONS)}"
        if kind == 1:
            return f"the {self.pick(_SHOPS)}" if self.rng.random() < 0.5 else self.pick(_SHOPS)
        if kind == 2:
            return f"{self.surname()}'s Garage"
        if kind == 3:
            return f"{self.surname()} {self.pick(_FIRMS)}"
        return f"{self.surname()} and {self.surname()}"

    def place(self) -> str:
        """A workplace, sometimes with its street."""
        if self.rng.random() < 0.3:
            return f"the {self.pick(_KINDS)} on {self.street()}"
        where = f" on {self.street()}" if self.rng.random() < 0.3 else ""
        return self.named_place() + where

    def occupation(self, style: str) -> str:
        job, place, name = self.pick(_JOBS), self.place(), self.first()
        if style == "own words":
            return self.pick(
                (
                    f"I work as {self.article(job)}[[{job} at {place}]] and finish at six.",
                    f"I have worked at [[{place}]] for about {self.rng.randint(2, 19)} years.",
                    f"I'm {self.article(job)}[[{job} at {place}]].",
                    f"I am employed as {self.article(job)}[[{job} by {place}]].",
                    f"At the time I was working at [[{place}]] on nights.",
                    f"I do shifts at [[{place}]] when they need me.",
                )
            )
        if style == "third person":
            return self.pick(
                (
                    f"{name} works as {self.article(job)}[[{job} at {place}]].",
                    f"She is the [[manager of {place}]] and knows everyone round here.",
                    f"Her husband works at [[{place}]], so he was not in.",
                    f"{name} is the [[owner of the {self.pick(_KINDS)} on {self.street()}]].",
                    f"He owns [[the {self.pick(_KINDS)} on {self.street()}]].",
                    f"He was {self.article(job)}[[{job} at {place}]] until last year.",
                )
            )
        if style == "police summary":
            role = self.pick(_STATEMENT_ROLES)
            return self.pick(
                (
                    f"The {role}, who is employed as {self.article(job)}[[{job} at {place}]], "
                    "was walking home.",
                    f"The {role} works at [[{place}]] and was on shift at the time.",
                    f"The {role} is the [[landlord of the {self.pick(_PUBS)}]].",
                    f"The {role} runs [[the {self.pick(_KINDS)} on {self.street()}]] with him.",
                )
            )
        if style == "interview":
            return self.pick(
                (
                    f"A: I work at [[{place}]], I do the early shift.",
                    f"A: I'm {self.article(job)}[[{job} at {place}]], have been for years.",
                    f"A: Yeah, she works as {self.article(job)}[[{job} at {place}]] now.",
                )
            )
        # informal: a neighbour's account, run-on and lower-case
        return self.pick(
            (
                f"me and him both work at [[{place}]] so i know him well",
                f"she does shifts at [[{place}]] most weekends",
                f"i think he works as {self.article(job)}[[{job} at {place}]] but im not sure",
            )
        )

    def relationship(self, style: str) -> str:
        close, anyone, name = self.pick(_CLOSE), self.pick(_ANY), self.first()
        role = self.pick(_ROLES)
        if style == "own words":
            return self.pick(
                (
                    f"I was at home when [[my {anyone}'s {close}]] knocked.",
                    f"[[My {close}'s {anyone}]] came round straight away.",
                    f"I rang [[her {close}]] and told her what happened.",
                    f"I know [[the victim's {anyone}]] from school.",
                )
            )
        if style == "third person":
            return self.pick(
                (
                    f"She was walking [[her {close}]] to school.",
                    f"He said that [[his {close}]] had the keys.",
                    f"[[{name}'s {close}]] answered the door.",
                    f"I know [[their {close}]] from the gym.",
                    f"I saw [[his {close}'s {anyone}]] at the bus stop.",
                )
            )
        if style == "police summary":
            return self.pick(
                (
                    f"[[The {role}'s {anyone}]] called the police at 21:40.",
                    f"It was [[the {role}'s {close}'s {anyone}]] who opened the door.",
                    f"The defendant then assaulted [[the {role}'s {anyone}]].",
                )
            )
        if style == "interview":
            return self.pick(
                (
                    f"A: I was with [[my {close}'s {anyone}]] all night.",
                    f"A: No, that's [[her {close}]], not mine.",
                    f"A: [[{name}'s {close}]] can tell you that.",
                )
            )
        return self.pick(
            (
                f"me and [[my {anyone}'s {close}]] heard shouting",
                f"[[her {close}]] was screaming at him in the street",
                f"its [[his {close}]] that lives there now",
            )
        )


STYLES = ("own words", "third person", "police summary", "interview", "informal")


def negatives() -> list[Sample]:
    """Sentences where nothing must be found: officers' and professionals' own jobs, form
    fields, legal prose, relations too common to point to anyone."""
    texts = (
        ("OCCUPATION", "Occupation: Police Constable"),
        ("OCCUPATION", "Occupation: Detective Sergeant"),
        ("OCCUPATION", "I am a Police Constable stationed at Harbour Street."),
        ("OCCUPATION", "I am employed by Northshire Police as a detective constable."),
        ("OCCUPATION", "I work as a police officer in the response team."),
        ("OCCUPATION", "The Secretary of State refused the application."),
        ("OCCUPATION", "The Director of Public Prosecutions consented."),
        ("OCCUPATION", "He was at work at the time."),
        ("OCCUPATION", "He is a nurse."),
        ("OCCUPATION", "I have worked as a tiler for years."),
        ("OCCUPATION", "I handed the bags to the manager of the store."),
        ("OCCUPATION", "I study part time and work as a lifeguard."),
        ("RELATIONSHIP", "He lived with his father until 2019."),
        ("RELATIONSHIP", "Her mother gave evidence."),
        ("RELATIONSHIP", "Once they had gone I phoned my nan."),
        ("RELATIONSHIP", "A: In the flat with my boyfriend."),
        ("RELATIONSHIP", "The claimant acted by her litigation friend."),
        ("RELATIONSHIP", "Monday's hearing was adjourned."),
        ("RELATIONSHIP", "The family court made a child arrangements order."),
    )
    return [Sample(text, entity, None, "negative") for entity, text in texts]


def corpus(seed: int = 0, per_style: int = PER_STYLE) -> list[Sample]:
    """``per_style`` sentences of each entity in each style, then the negatives."""
    maker = _Maker(seed)
    samples: list[Sample] = []
    for style in STYLES:
        for _ in range(per_style):
            samples.append(_marked(maker.occupation(style), "OCCUPATION", style))
            samples.append(_marked(maker.relationship(style), "RELATIONSHIP", style))
    return samples + negatives()


def found(sample: Sample, spans: list[tuple[int, int]]) -> bool:
    """Whether a span found covers at least half the sample's value."""
    assert sample.span is not None
    start, end = sample.span
    best = max((min(end, e) - max(start, s) for s, e in spans), default=0)
    return best >= (end - start) / 2


def recall(
    samples: list[Sample], spans_of: dict[str, list[list[tuple[int, int]]]]
) -> dict[str, float]:
    """Recall per entity: ``spans_of[entity][i]`` are the spans found in ``samples[i]``."""
    out: dict[str, float] = {}
    for entity, found_spans in spans_of.items():
        positives = [
            (s, f) for s, f in zip(samples, found_spans, strict=True)
            if s.entity == entity and s.span is not None
        ]  # fmt: skip
        out[entity] = sum(found(s, f) for s, f in positives) / max(len(positives), 1)
    return out


def _misses(
    samples: list[Sample], found_spans: list[list[tuple[int, int]]], entity: str
) -> Iterator[str]:
    for sample, spans in zip(samples, found_spans, strict=True):
        if sample.entity == entity and sample.span is not None and not found(sample, spans):
            yield f"  [{sample.style}] {sample.text!r} found {[sample.text[s:e] for s, e in spans]}"


def main() -> None:
    """Print recall per entity at the recogniser level."""
    from idpc_guard.recognizers.relations import RelationshipRecognizer
    from idpc_guard.recognizers.work import OccupationRecognizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-n", type=int, default=PER_STYLE, help="sentences per entity and style")
    args = parser.parse_args()
    samples = corpus(args.seed, args.n)
    recognisers = {"OCCUPATION": OccupationRecognizer(), "RELATIONSHIP": RelationshipRecognizer()}
    spans = {
        entity: [[(f.start, f.end) for f in r.find(s.text)] for s in samples]
        for entity, r in recognisers.items()
    }
    for entity, value in recall(samples, spans).items():
        print(f"{entity}: recall {value:.3f}")
        for line in _misses(samples, spans[entity], entity):
            print(line)
    for sample in samples:
        if sample.span is None:
            hits = spans[sample.entity][samples.index(sample)]
            if hits:
                print(f"false alarm: {sample.text!r}")


if __name__ == "__main__":
    main()
