"""A deterministic generator of synthetic Waypost projects, for benchmarks and scale tests.

The shipped course has a few dozen files; the questions "how does the checker
(or the build) behave with thousands of pages?" need a project that size,
shaped like real content: valid front matter, prose-like bodies with
headings, lists, an admonition and links by id, and journeys with decisions.
Every concept and exercise sits in at least one journey and every concept
lists an exercise, so ``waypost check --strict`` passes with nothing to
report and a benchmark measures the clean path that writers hit every day.

Output depends only on the arguments: one ``random.Random(seed)`` drives
every choice, nothing iterates over a set, and no clock is read, so two runs
write byte-identical files.

    python3 benchmarks/synthetic.py DEST [--concepts N --exercises N --journeys N --seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

AUDIENCES = ("freelancers", "productivity-users", "beginners")
LEVELS = ("beginner", "intermediate", "advanced")
MIN_STEPS, MAX_STEPS = 8, 25
"""Steps per journey, decisions included."""
MIN_CONTENT = MAX_STEPS
"""Concepts plus exercises needed so that a journey never has to repeat an item."""


def vocabulary(text: str) -> tuple[str, ...]:
    """Words written as a block of text, so the lists stay short to read."""
    return tuple(text.split())


# An ordinary vocabulary: prose that reads like English to Markdown, search
# and word counts, without lorem ipsum's Latin. No word YAML reads as a
# boolean or null (yes, no, on, off, null, true, false).
NOUNS = vocabulary(
    """
    client invoice draft deadline project budget note meeting calendar task estimate proposal report
    email template checklist folder spreadsheet schedule week morning habit goal routine review contract
    rate payment tool workflow idea summary question answer example plan version file message reminder
    priority team partner customer brief outline chapter page story detail change problem result choice
    reason rule pattern style tone voice format section sentence price cost desk inbox document record
    backup archive label category notebook system process method skill lesson mistake risk benefit limit
    target milestone request reply handover agenda timeline receipt expense quote portfolio reference
    shortcut list board card
    """
)
VERBS = vocabulary(
    """
    plan check write review share sort track keep move save send open compare choose test measure
    collect group label sketch draft read edit finish start schedule estimate price explain describe
    repeat improve simplify split combine list mark update archive follow answer build fix find use
    change prepare outline rename file trim name rank
    """
)
ADJECTIVES = vocabulary(
    """
    clear short simple useful weekly daily small large careful quick early late new old steady busy
    quiet honest practical common rough final regular shared personal private reliable flexible specific
    general recent current single whole separate familiar obvious helpful tidy plain detailed brief
    monthly urgent open complete careless modest realistic favourite
    """
)
ADVERBS = vocabulary(
    """
    usually often rarely quickly carefully gradually simply always sometimes later again together calmly
    slowly regularly mostly already first
    """
)
OPENERS = (
    "In practice,",
    "Most of the time,",
    "For example,",
    "After a while,",
    "On a busy week,",
    "Before you start,",
    "Over time,",
    "As a rule,",
    "In most cases,",
    "At first,",
    "Either way,",
    "Once that works,",
    "On the other hand,",
)
PREPOSITIONS = ("for", "with", "from", "after", "before", "during", "around", "into", "about", "without")
TAGS = vocabulary(
    """
    planning writing invoicing pricing scheduling email clients habits templates reviews focus notes
    budgets contracts workflow tools feedback estimates
    """
)

SENTENCES = (
    "{O} the {A} {N} {Vs} the {N}.",
    "A {A} {N} {D} {Vs} the {N} {P} the {N}.",
    "You can {V} the {N} {P} a {A} {N}, then {V} it {P} the next {N}.",
    "If the {N} is {A}, {V} the {N} first and {V} the {N} later.",
    "Most {Ns} {V} a {N} when the {N} is {A}.",
    "Try to {V} one {N} {P} each {N}.",
    "The {N} matters because it {Vs} how you {V} the {N}.",
    "Keep the {N} {A} and the {N} {A}.",
    "{O} you {D} {V} the {Ns} {P} your {A} {N}.",
    "A {N} that nobody {Vs} turns into a {A} {N} {P} the {N}.",
    "Write down what the {N} is for, then {V} the {Ns} that support it.",
    "{O} a {A} {N} saves more time than a {A} {N}.",
    "Ask yourself which {N} you {V} most, and {V} that one first.",
    "It helps to {V} the {N} {D}, even when the {N} feels {A}.",
)
HEADINGS = (
    "Why the {N} matters",
    "How to {V} a {A} {N}",
    "When {Ns} go wrong",
    "A worked example",
    "Common mistakes",
    "What to {V} first",
    "Where the {N} fits",
    "Keeping the {N} {A}",
    "The {A} {N} in practice",
    "Before you {V} the {N}",
    "Where to go from here",
)
LINK_SENTENCES = {
    "concept": (
        "This builds on {link}, which {Vs} the {N} in more detail.",
        "If you have not read it yet, {link} explains the {A} {N} behind this.",
        "See {link} for how the {N} changes when the {N} is {A}.",
    ),
    "exercise": (
        "The exercise {link} lets you {V} this with your own {Ns}.",
        "Try {link} to {V} the {N} yourself.",
        "When you are ready, {link} walks you through a {A} {N}.",
    ),
}
CONCEPT_TITLES = ("{A} {N} {Ns}", "{N} {Ns}", "the {A} {N}", "when to {V} a {N}", "how {Ns} {V} {Ns}")
EXERCISE_TITLES = ("{V} a {A} {N}", "{V} your {N} {Ns}", "{V} and {V} the {N}", "{V} three {Ns}")
JOURNEY_TITLES = ("from {N} to {N}", "{A} {Ns} for {N} work", "getting {A} with {Ns}", "the {A} {N} path")
QUESTIONS = (
    "Do you already {V} your {Ns} every week?",
    "Have you tried to {V} a {A} {N} before?",
    "Is your {N} mostly {A}?",
    "Do you {V} more than ten {Ns} a month?",
)
LABELS = {2: ("Yes", "Not yet"), 3: ("Yes, often", "Sometimes", "Not yet")}
MINUTES = (10, 15, 20, 25, 30, 40, 45, 60)
_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "end"}
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()?-]*")


@dataclass
class Stats:
    """What a generation wrote, for the benchmark's table and a CLI summary."""

    concepts: int = 0
    exercises: int = 0
    journeys: int = 0
    files: int = 0
    """Every file written, content/index.md included."""
    bytes: int = 0
    words: int = 0
    """Whitespace-separated words of the Markdown bodies."""
    steps: int = 0
    decisions: int = 0
    links: int = 0
    """Links by id written in Markdown bodies."""


@dataclass
class Concept:
    """A concept's id, title and cross-references, decided before any file is written."""

    id: str
    title: str
    related: list[str] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)


@dataclass
class Exercise:
    """An exercise's id, title and the concepts it practises."""

    id: str
    title: str
    concepts: list[str] = field(default_factory=list)


@dataclass
class Step:
    """One journey step as it will be written: a content step or a decision."""

    id: str
    kind: str
    """"concept", "exercise" or "decide"."""
    target: str = ""
    question: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    """(label, goto) pairs of a decision."""
    next: str = ""


class Words:
    """Fills templates such as ``"{A} {N} {Vs}"`` with words of the vocabulary.

    Prose only has to look like prose: word lengths, sentence lengths and
    punctuation like English are what parsers, search indexes and reading-time
    estimates react to.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fillers: dict[str, Callable[[], str]] = {
            "N": lambda: rng.choice(NOUNS),
            "Ns": lambda: plural(rng.choice(NOUNS)),
            "V": lambda: rng.choice(VERBS),
            "Vs": lambda: third_person(rng.choice(VERBS)),
            "A": lambda: rng.choice(ADJECTIVES),
            "D": lambda: rng.choice(ADVERBS),
            "P": lambda: rng.choice(PREPOSITIONS),
            "O": lambda: rng.choice(OPENERS),
        }

    def fill(self, template: str, **fixed: str) -> str:
        text = re.sub(r"\{(\w+)\}", lambda m: fixed.get(m.group(1)) or self.fillers[m.group(1)](), template)
        return fix_articles(text)

    def sentence(self) -> str:
        return capitalise(self.fill(self.rng.choice(SENTENCES)))

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def link_sentence(self, kind: str, link: str) -> str:
        return capitalise(self.fill(self.rng.choice(LINK_SENTENCES[kind]), link=link))

    def title(self, templates: Sequence[str]) -> str:
        return capitalise(self.fill(self.rng.choice(templates)))


def plural(noun: str) -> str:
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def third_person(verb: str) -> str:
    """'plan' to 'plans', 'fix' to 'fixes': the vocabulary has no irregular verbs, so plural's rules do."""
    return plural(verb)


def fix_articles(text: str) -> str:
    """'a estimate' to 'an estimate': the templates cannot know the next word."""
    return re.sub(r"\b([Aa]) (?=[aeio]|u(?!s))", r"\1n ", text)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())[:64].rstrip("-")


def unique_titles(words: Words, count: int, templates: Sequence[str], taken: set[str]) -> list[tuple[str, str]]:
    """``count`` (id, title) pairs whose ids are new to ``taken``; adds them to it.

    Ids are unique across kinds too, so a journey can use a content id as its
    step id without two steps ever colliding.
    """
    found: list[tuple[str, str]] = []
    misses = 0
    while len(found) < count:
        title = words.title(templates)
        item_id = slug(title)
        if item_id in taken:
            misses += 1
            if misses < 20:
                continue  # a fresh title reads better than a numbered one
            n = 2
            while f"{item_id}-{n}" in taken:
                n += 1
            item_id, title = f"{item_id}-{n}", f"{title} {n}"
        misses = 0
        taken.add(item_id)
        found.append((item_id, title))
    return found


def link_items(
    rng: random.Random, concept_names: list[tuple[str, str]], exercise_names: list[tuple[str, str]]
) -> tuple[list[Concept], list[Exercise]]:
    """Concepts with related concepts and exercises; exercises with the concepts that list them.

    Concept i practises exercise i mod E (so every exercise is listed when
    there are at least as many concepts), sometimes one more; an exercise
    practises up to three of the concepts that list it, so the two sides
    agree the way hand-written content does.
    """
    concepts = [Concept(i, t) for i, t in concept_names]
    exercises = [Exercise(i, t) for i, t in exercise_names]
    listed_by: list[list[str]] = [[] for _ in exercises]
    for index, concept in enumerate(concepts):
        others = [c.id for c in rng.sample(concepts, min(len(concepts), 5)) if c.id != concept.id]
        concept.related = others[: rng.randint(2, 4)]
        picks = [index % len(exercises)]
        if rng.random() < 0.35 and len(exercises) > 1:
            picks.append((picks[0] + rng.randrange(1, len(exercises))) % len(exercises))  # any other one
        concept.exercises = [exercises[e].id for e in picks]
        for e in picks:
            listed_by[e].append(concept.id)
    for exercise, listing in zip(exercises, listed_by, strict=True):
        pool = listing or [c.id for c in concepts]
        exercise.concepts = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
    return concepts, exercises


def plan_journeys(
    rng: random.Random, items: list[tuple[str, str]], journeys: int
) -> list[tuple[bool, list[tuple[str, str]]]]:
    """For each journey: whether it has a decision, and its (kind, id) content steps in order.

    Coverage first: the items are shuffled and dealt round-robin, so each
    journey gets about N/J items it must carry; its remaining steps are
    random items it does not already have.
    """
    dealt: list[list[tuple[str, str]]] = [[] for _ in range(journeys)]
    order = list(items)
    rng.shuffle(order)
    for index, item in enumerate(order):
        dealt[index % journeys].append(item)
    plans = []
    for index, required in enumerate(dealt):
        decision = index % 2 == 0 or rng.random() < 0.5
        capacity = MAX_STEPS - int(decision)  # the decision is a step too
        size = max(rng.randint(MIN_STEPS, MAX_STEPS) - int(decision), len(required))
        if size > capacity:
            raise ValueError(f"{len(items)} concepts and exercises do not fit in {journeys} journeys")
        chosen = set(required)
        extra = [i for i in rng.sample(items, min(len(items), size + len(required))) if i not in chosen]
        steps = required + extra[: size - len(required)]
        rng.shuffle(steps)
        first_concept = next((i for i, (kind, _) in enumerate(steps) if kind == "concept"), 0)
        steps.insert(0, steps.pop(first_concept))
        plans.append((decision, steps))
    return plans


def journey_steps(words: Words, decision: bool, content: list[tuple[str, str]]) -> list[Step]:
    """The steps of one journey, with a decision laid out so the graph stays acyclic and complete.

    Layout: a shared start, the decision, then each branch listed in turn
    (every branch but the last ends with ``next`` to the join, or to ``end``
    when there is no join), then the shared join. Every step is reachable,
    nothing loops, and every path reaches the end.
    """
    steps = [Step(item_id, kind, target=item_id) for kind, item_id in content]
    if not decision:
        return steps
    rng = words.rng
    branches = 3 if len(steps) >= 9 and rng.random() < 0.3 else 2
    start = rng.randint(1, max(1, (len(steps) - branches) // 3))
    join = rng.randint(0, max(0, (len(steps) - start - branches) // 2))
    middle = len(steps) - start - join
    cuts = [start, *sorted(rng.sample(range(start + 1, start + middle), branches - 1)), start + middle]
    heads = [steps[cuts[b]].id for b in range(branches)]
    after = steps[start + middle].id if join else "end"
    for b in range(branches - 1):
        steps[cuts[b + 1] - 1].next = after
    taken = {s.id for s in steps}
    question = words.fill(rng.choice(QUESTIONS))
    decision_id = next(i for i in (slug(question)[:40].rstrip("-"), "choose-a-branch", "choose") if i not in taken)
    options = list(zip(LABELS[branches], heads, strict=True))
    steps.insert(start, Step(decision_id, "decide", question=capitalise(question), options=options))
    return steps


# Writing files -------------------------------------------------------------


def yaml_text(text: str) -> str:
    """A scalar written plain when YAML reads it back as the same text, else double-quoted."""
    plain = _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not text.endswith(" ")
    return text if plain else json.dumps(text, ensure_ascii=False)


def yaml_flow(ids: Sequence[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def yaml_folded(key: str, text: str, indent: str = "") -> str:
    lines = textwrap.wrap(text, width=76)
    return f"{indent}{key}: >-\n" + "".join(f"{indent}  {line}\n" for line in lines)


def link(kind: str, item_id: str, titles: dict[str, str]) -> str:
    title = titles[item_id]
    return f"[{title[:1].lower() + title[1:]}]({kind}:{item_id})"


def concept_file(words: Words, concept: Concept, titles: dict[str, str]) -> tuple[str, int]:
    """One concept file, and how many links by id its body has."""
    rng = words.rng
    pool = [("concept", c) for c in concept.related] + [("exercise", e) for e in concept.exercises]
    links = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
    link_lines = [words.link_sentence(kind, link(kind, i, titles)) for kind, i in links]
    headings = rng.sample(HEADINGS, rng.randint(3, 4))
    admonition_at = rng.randrange(len(headings))
    list_at = rng.randrange(len(headings))
    parts = [words.sentences(4, 5) + " " + link_lines[0]]
    for index, heading in enumerate(headings):
        parts.append("## " + capitalise(words.fill(heading)))
        parts.append(words.sentences(3, 5))
        if index == list_at:
            parts.append("\n".join(f"- **{capitalise(words.fill('{A} {N}'))}.** {words.sentence()}" for _ in range(4)))
        paragraph = words.sentences(3, 5)
        if index + 1 < len(link_lines):
            paragraph += " " + link_lines[index + 1]
        parts.append(paragraph)
        if index == admonition_at:
            kind = rng.choice(("note", "tip", "warning"))
            title = capitalise(words.fill("{A} {Ns}"))
            text = textwrap.wrap(words.sentences(2, 3), width=72)
            parts.append(f'!!! {kind} "{title}"\n' + "\n".join("    " + line for line in text))
    parts.extend(link_lines[len(headings) + 1 :])
    summary = words.sentences(1, 2)
    front = (
        f"id: {concept.id}\n"
        f"title: {yaml_text(concept.title)}\n"
        + yaml_folded("summary", summary)
        + f"audience: {yaml_flow(rng.sample(AUDIENCES, rng.randint(1, 2)))}\n"
        f"level: {rng.choice(LEVELS)}\n"
        f"tags: {yaml_flow(rng.sample(TAGS, rng.randint(1, 3)))}\n"
        f"related: {yaml_flow(concept.related)}\n"
        f"exercises: {yaml_flow(concept.exercises)}\n"
    )
    return f"---\n{front}---\n\n" + "\n\n".join(parts) + "\n", len(links)


def exercise_file(words: Words, exercise: Exercise, titles: dict[str, str]) -> tuple[str, int]:
    """One exercise file, and how many links by id its body has (always one)."""
    rng = words.rng
    tasks: list[tuple[str, str]] = []
    taken: set[str] = set()
    count = rng.randint(3, 6)
    while len(tasks) < count:
        verb, noun = rng.choice(VERBS), plural(rng.choice(NOUNS))
        task_id = f"{verb}-{noun}"
        if task_id in taken:
            continue
        taken.add(task_id)
        tasks.append((task_id, capitalise(words.fill("{V} the {A} {T} {P} your {N}.", V=verb, T=noun))))
    concept = rng.choice(exercise.concepts)
    intro = words.sentences(3, 4) + " " + words.link_sentence("concept", link("concept", concept, titles))
    steps = "\n".join(f"{n}. **{text}** {words.sentences(1, 2)}" for n, (_, text) in enumerate(tasks, start=1))
    body = [intro, "## Steps", steps, "## What good looks like", words.sentences(3, 4)]
    if rng.random() < 0.6:
        body += ["## " + capitalise(words.fill(rng.choice(HEADINGS))), words.sentences(2, 4)]
    front = (
        f"id: {exercise.id}\n"
        f"title: {yaml_text(exercise.title)}\n"
        + yaml_folded("summary", words.sentences(1, 1))
        + f"minutes: {rng.choice(MINUTES)}\n"
        f"concepts: {yaml_flow(exercise.concepts)}\n"
        "tasks:\n"
        + "".join(f"  - id: {task_id}\n    text: {yaml_text(text)}\n" for task_id, text in tasks)
        + f"outcome: {yaml_text(capitalise(words.fill('A {A} {N} you can {V} every week.')))}\n"
        f"tags: {yaml_flow(rng.sample(TAGS, rng.randint(1, 2)))}\n"
    )
    return f"---\n{front}---\n\n" + "\n\n".join(body) + "\n", 1


def journey_file(words: Words, journey_id: str, title: str, related: list[str], steps: list[Step]) -> str:
    rng = words.rng
    lines = [
        "# yaml-language-server: $schema=../schemas/journey.schema.json",
        f"id: {journey_id}",
        f"title: {yaml_text(title)}",
        yaml_folded("summary", words.sentences(2, 3)).rstrip("\n"),
        f"audience: {yaml_flow(rng.sample(AUDIENCES, rng.randint(1, 2)))}",
        f"level: {rng.choice(LEVELS)}",
        "outcomes:",
        *(f"  - {yaml_text(capitalise(words.fill('{V} your {Ns} with a {A} {N}.')))}" for _ in range(2)),
        f"related: {yaml_flow(related)}",
        "steps:",
    ]
    for step in steps:
        lines.append(f"  - id: {step.id}")
        if step.kind == "decide":
            lines.append(f"    decide: {yaml_text(step.question)}")
            lines.append("    options:")
            for label, goto in step.options:
                lines += [f"      - label: {json.dumps(label)}", f"        goto: {goto}"]
        else:
            lines.append(f"    {step.kind}: {step.target}")
            if step.next:
                lines.append(f"    next: {step.next}")
    return "\n".join(lines) + "\n"


def index_file(words: Words, first_journey: tuple[str, str]) -> str:
    journey_id, title = first_journey
    return (
        "---\ntitle: Synthetic Waypost site\n---\n\n"
        f"{words.sentences(3, 4)}\n\n{words.sentences(3, 4)}\n\n"
        "## Pick a journey\n\n<!-- waypost:journey-cards -->\n\n"
        f"Not sure where to begin? Start with [{title[:1].lower() + title[1:]}](journey:{journey_id}).\n"
    )


def write(path: Path, text: str, stats: Stats) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
    stats.files += 1
    stats.bytes += len(text.encode("utf-8"))


def body_words(text: str) -> int:
    return len(text.split("\n---\n", 1)[-1].split())


def generate(dest: Path, concepts: int = 2000, exercises: int = 500, journeys: int = 200, seed: int = 1) -> Stats:
    """Write a synthetic project into ``dest`` (absent or empty) and say what was written."""
    if concepts < 3 or exercises < 1 or journeys < 2 or concepts + exercises < MIN_CONTENT:
        raise ValueError(
            f"need at least 3 concepts, 1 exercise, 2 journeys and {MIN_CONTENT} concepts and exercises in all"
        )
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty; generate into a new folder so that no stale file survives")
    rng = random.Random(seed)
    words = Words(rng)
    taken: set[str] = set()
    concept_names = unique_titles(words, concepts, CONCEPT_TITLES, taken)
    exercise_names = unique_titles(words, exercises, EXERCISE_TITLES, taken)
    journey_names = unique_titles(words, journeys, JOURNEY_TITLES, set())
    titles = dict(concept_names + exercise_names)
    concept_items, exercise_items = link_items(rng, concept_names, exercise_names)
    items = [("concept", c.id) for c in concept_items] + [("exercise", e.id) for e in exercise_items]
    plans = plan_journeys(rng, items, journeys)

    for folder in ("content/concepts", "content/exercises", "journeys"):
        (dest / folder).mkdir(parents=True, exist_ok=True)
    stats = Stats(concepts=concepts, exercises=exercises, journeys=journeys)
    for concept in concept_items:
        text, links = concept_file(words, concept, titles)
        write(dest / "content/concepts" / f"{concept.id}.md", text, stats)
        stats.words += body_words(text)
        stats.links += links
    for exercise in exercise_items:
        text, links = exercise_file(words, exercise, titles)
        write(dest / "content/exercises" / f"{exercise.id}.md", text, stats)
        stats.words += body_words(text)
        stats.links += links
    journey_ids = [j for j, _ in journey_names]
    for (journey_id, title), (decision, content) in zip(journey_names, plans, strict=True):
        steps = journey_steps(words, decision, content)
        others = [j for j in rng.sample(journey_ids, min(len(journey_ids), 4)) if j != journey_id]
        write(dest / "journeys" / f"{journey_id}.yml", journey_file(words, journey_id, title, others[:3], steps), stats)
        stats.steps += len(steps)
        stats.decisions += sum(s.kind == "decide" for s in steps)
    index = index_file(words, journey_names[0])
    write(dest / "content/index.md", index, stats)
    stats.words += body_words(index)
    stats.links += 1
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic Waypost project.")
    parser.add_argument("dest", type=Path, help="folder to create (must be absent or empty)")
    parser.add_argument("--concepts", type=int, default=2000)
    parser.add_argument("--exercises", type=int, default=500)
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        stats = generate(args.dest, args.concepts, args.exercises, args.journeys, args.seed)
    except (ValueError, FileExistsError) as exc:
        print(f"synthetic: error: {exc}", file=sys.stderr)
        return 2
    print(", ".join(f"{key} {value:,}" for key, value in asdict(stats).items()))
    print(f"about {stats.words // (stats.concepts + stats.exercises)} words per content file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
