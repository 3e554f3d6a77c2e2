"""Second pass: what the documents mean together.

Ids against file names, ids and aliases unique per kind, references that
resolve, journey graphs that run one way from the first step to an end,
and the warnings that keep a site whole (content in no journey, a concept
with nothing to try).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from waypost import graph
from waypost.choices import repeated_labels
from waypost.links import find_id_links
from waypost.model import END, Journey, Project, StepKind
from waypost.placement_checks import check_placement
from waypost.problems import Position, Problem, error, warning
from waypost.sources import CONTENT_KINDS, ID_PATTERN, Document, JsonPath, Kind
from waypost.suggest import did_you_mean


@dataclass(frozen=True)
class Site:
    """What the second pass looks at."""

    project: Project
    """The content that passed the first pass."""
    documents: dict[str, Document]
    """Every document that could be parsed, by path, valid or not."""
    unreadable: frozenset[tuple[Kind, str]] = frozenset()
    """Kind and file stem of each file that could not be parsed at all."""
    pages: tuple[Document, ...] = ()
    """Hand-written Markdown pages (home page and the like): only their links by id are checked."""


@dataclass(frozen=True)
class Names:
    """Every id and alias of one kind, each with where it was first written."""

    ids: dict[str, tuple[str, Position]]
    aliases: dict[str, str]
    """Old id to current id."""
    unknowable: set[str]
    """Stems of files too broken to tell their id: references to them are not reported again."""

    def resolve(self, name: str) -> str | None:
        return name if name in self.ids else self.aliases.get(name)


def check_meaning(site: Site) -> list[Problem]:
    problems: list[Problem] = []
    names = {}
    for kind in CONTENT_KINDS:
        kind_names, kind_problems = collect_names(site, kind)
        names[kind] = kind_names
        problems += kind_problems
    problems += check_references(site, names)
    problems += check_body_links(site, names)
    for journey in site.project.journeys.values():
        problems += check_journey_graph(journey, site.documents[journey.path])
    for exercise in site.project.exercises.values():
        problems += check_task_ids(exercise.tasks, site.documents[exercise.path])
    problems += check_coverage(site)
    if site.project.placement is not None:
        problems += check_placement(site.project.placement, site.documents, site.project)
    return problems


def check_task_ids(tasks: Iterable[Any], doc: Document) -> list[Problem]:
    """Task ids and their aliases are unique within an exercise: ticks are stored by them."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, task in enumerate(tasks):
        names = [(task.id, ("tasks", i, "id"))] + [(a, ("tasks", i, "aliases", j)) for j, a in enumerate(task.aliases)]
        for name, path in names:
            if name in seen:
                problems.append(
                    error(
                        doc.path,
                        doc.positions.of_value(path),
                        "duplicate-task",
                        f"task id '{name}' is used twice in this exercise",
                        "give each task its own id; learners' ticks are stored by it",
                    )
                )
            seen.add(name)
    return problems


def collect_names(site: Site, kind: Kind) -> tuple[Names, list[Problem]]:
    """The ids and aliases of ``kind``, with the file-name and uniqueness rules.

    Ids come first, aliases second: an alias that is another item's id is
    the alias's mistake, whichever file comes first. A file whose id does not
    match its name gets one error at its id; references to either name are
    left alone (the file is as good as unreadable until it is fixed).
    """
    problems: list[Problem] = []
    ids: dict[str, tuple[str, Position]] = {}
    aliases: dict[str, str] = {}
    unknowable = {stem for k, stem in site.unreadable if k is kind}
    named: list[tuple[Document, str]] = []
    docs = sorted((d for d in site.documents.values() if d.kind is kind), key=lambda d: d.path)
    stems = {d.stem.casefold() for d in docs} | {stem.casefold() for stem in unknowable}
    for doc in docs:
        item_id = doc.data.get("id") if isinstance(doc.data, dict) else None
        if not isinstance(item_id, str):
            unknowable.add(doc.stem)
        elif item_id != doc.stem:
            if ID_PATTERN.match(item_id):  # else schema-id has said what is wrong with it, and what to write
                problems.append(_id_not_file_name(kind, item_id, doc, taken=item_id.casefold() in stems))
            unknowable |= {doc.stem, item_id}
        else:
            named.append((doc, item_id))
    for doc, item_id in named:
        where = doc.positions.of_value(("id",))
        if item_id in ids:
            problems.append(_duplicate(doc, where, f"{kind.value} id '{item_id}'", ids[item_id]))
        else:
            ids[item_id] = (doc.path, where)
    first = dict(ids)  # where each id, then each alias, was first written
    for doc, item_id in named:
        raw_aliases = doc.data.get("aliases")
        for i, alias in enumerate(raw_aliases if isinstance(raw_aliases, list) else ()):
            if not isinstance(alias, str):
                continue
            where = doc.positions.of_value(("aliases", i))
            what = f"alias '{alias}' of {kind.value} '{item_id}'"
            if alias in ids and ids[alias][0] != doc.path:
                problems.append(_alias_is_an_id(doc, where, what, ids[alias][0]))
            elif alias in first:
                problems.append(_duplicate(doc, where, what, first[alias]))
            else:
                first[alias] = (doc.path, where)
                aliases[alias] = item_id
    return Names(ids, aliases, unknowable), problems


def _duplicate(doc: Document, where: Position, what: str, first: tuple[str, Position]) -> Problem:
    other_path, other_pos = first
    return error(
        doc.path,
        where,
        "duplicate-id",
        f"{what} is already used at {other_path}:{other_pos.line}:{other_pos.column}",
        "ids and aliases must be unique among all content of a kind",
    )


def _alias_is_an_id(doc: Document, where: Position, what: str, other_path: str) -> Problem:
    return error(
        doc.path,
        where,
        "duplicate-id",
        f"{what} is the id of {other_path}",
        "an alias is an old id that no file uses any more: remove it",
    )


def _id_not_file_name(kind: Kind, item_id: str, doc: Document, taken: bool) -> Problem:
    name = doc.path.rsplit("/", 1)[-1]
    return error(
        doc.path,
        doc.positions.of_value(("id",)),
        "id-filename",
        f"{kind.value} id '{item_id}' does not match the file name '{name}'",
        _rename_hint(item_id, doc, taken),
    )


def check_references(site: Site, names: dict[Kind, Names]) -> list[Problem]:
    """References to other content name it: in every document, also one with schema errors, so that a
    contributor sees a misspelt id together with a misspelt field, not one run after the other."""
    problems: list[Problem] = []
    for doc in site.documents.values():
        own_id = doc.data.get("id") if isinstance(doc.data, dict) else None
        for path, kind in _references(doc):
            name = _get(doc.data, path)
            if path[0] == "related" and own_id is not None and names[kind].resolve(name) == own_id:
                problems.append(_related_to_itself(doc, path, name, own_id))
                continue
            problems += _check_reference(doc, path, name, kind, names)
    return problems


def _related_to_itself(doc: Document, path: JsonPath, name: str, own_id: str) -> Problem:
    """An item among its own related items: its page would link to itself as related."""
    itself = "itself" if name == own_id else f"itself (by its old id '{name}')"
    return error(
        doc.path,
        doc.positions.of_value(path),
        "related-self",
        f"{doc.kind.value} '{own_id}' lists {itself} under 'related'",
        f"remove '{name}': related {doc.kind.value}s are other {doc.kind.value}s",
    )


def _references(doc: Document) -> Iterator[tuple[JsonPath, Kind]]:
    """Every field of ``doc`` that names another item, with the kind it names.

    The document may break its schema anywhere: whatever is not shaped as a
    reference (a list of ids, or one id) is left to the schema's problems.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    if doc.kind is Kind.CONCEPT:
        yield from ((path, Kind.CONCEPT) for path in _ids_listed(data, "related"))
        yield from ((path, Kind.EXERCISE) for path in _ids_listed(data, "exercises"))
    elif doc.kind is Kind.EXERCISE:
        yield from ((path, Kind.CONCEPT) for path in _ids_listed(data, "concepts"))
    elif doc.kind is Kind.JOURNEY:
        yield from ((path, Kind.JOURNEY) for path in _ids_listed(data, "related"))
        for i, step in _mappings(data.get("steps")):
            for kind in (Kind.CONCEPT, Kind.EXERCISE):
                if isinstance(step.get(kind.value), str):
                    yield ("steps", i, kind.value), kind
    elif doc.kind is Kind.PLACEMENT:
        for i, question in _mappings(data.get("questions")):
            for j, option in _mappings(question.get("options")):
                recommend = option.get("recommend")
                if isinstance(recommend, dict) and isinstance(recommend.get("journey"), str):
                    yield ("questions", i, "options", j, "recommend", "journey"), Kind.JOURNEY


def _ids_listed(data: dict[str, Any], key: str) -> Iterator[JsonPath]:
    """The paths of the strings in the list under ``key``, if it is a list."""
    value = data.get(key)
    if isinstance(value, list):
        yield from ((key, i) for i, item in enumerate(value) if isinstance(item, str))


def _mappings(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mappings of a list, with their indexes; nothing if it is not a list."""
    if isinstance(value, list):
        yield from ((i, item) for i, item in enumerate(value) if isinstance(item, dict))


def _check_reference(
    doc: Document, path: JsonPath, name: str, kind: Kind, every_kind: dict[Kind, Names]
) -> list[Problem]:
    where = doc.positions.of_value(path)
    names = every_kind[kind]
    if name in names.ids or name in names.unknowable or not ID_PATTERN.match(name):
        return []  # (not an id at all: schema-id says so)
    if name in names.aliases:
        current = names.aliases[name]
        return [
            warning(
                doc.path,
                where,
                "outdated-reference",
                f"'{name}' is an old id of {kind.value} '{current}'",
                f"write '{current}'",
            )
        ]
    return [
        error(
            doc.path,
            where,
            "unknown-reference",
            f"unknown {kind.value} '{name}'",
            _wrong_kind_hint(name, kind, every_kind, path)
            or did_you_mean(name, [*names.ids, *names.unknowable])
            or f"add {kind.folder}/{name}{kind.suffixes[0]} or fix the id",
        )
    ]


def _wrong_kind_hint(name: str, kind: Kind, every_kind: dict[Kind, Names], path: JsonPath) -> str:
    other = _other_kind(name, kind, every_kind)
    if other is None:
        return ""
    if path[0] == "steps":  # a step says what it points at by its key
        return f"'{name}' is {_a(other)}: write '{other.value}: {name}'"
    return f"'{name}' is {_a(other)}, not {_a(kind)}"


def _other_kind(name: str, kind: Kind, every_kind: dict[Kind, Names]) -> Kind | None:
    """The other kind of content ``name`` is an id of, if any: the likeliest mistake of all."""
    return next((k for k, names in every_kind.items() if k is not kind and name in names.ids), None)


def _a(kind: Kind) -> str:
    return ("an " if kind.value[0] in "aeiou" else "a ") + kind.value


def check_body_links(site: Site, names: dict[Kind, Names]) -> list[Problem]:
    """Links by id in Markdown bodies name existing content."""
    problems: list[Problem] = []
    bodies = [d for d in site.documents.values() if d.kind is not Kind.JOURNEY] + list(site.pages)
    for doc in bodies:
        for link in find_id_links(doc.body):
            kind = Kind(link.kind)
            where = Position(doc.body_line + link.line - 1, link.column)
            if link.id in names[kind].ids or link.id in names[kind].unknowable:
                continue
            if link.spaced:
                problems.append(
                    error(
                        doc.path,
                        where,
                        "unknown-link",
                        f"link by id with a space after '{kind.value}:' names no {kind.value}: "
                        "the build links only an id written right after the colon",
                        f"remove the space: {kind.value}:{link.spaced}",
                    )
                )
                continue
            if link.id in names[kind].aliases:
                current = names[kind].aliases[link.id]
                problems.append(
                    warning(
                        doc.path,
                        where,
                        "outdated-reference",
                        f"link to '{link.id}', an old id of {kind.value} '{current}'",
                        f"write {kind.value}:{current}",
                    )
                )
                continue
            problems.append(
                error(
                    doc.path,
                    where,
                    "unknown-link",
                    f"link to unknown {kind.value} '{link.id}'",
                    _wrong_kind_link_hint(link.id, kind, names)
                    or did_you_mean(link.id, [*names[kind].ids, *names[kind].unknowable])
                    or f"link ids are those of files in {kind.folder}/",
                )
            )
    return problems


def _wrong_kind_link_hint(name: str, kind: Kind, names: dict[Kind, Names]) -> str:
    other = _other_kind(name, kind, names)
    return f"'{name}' is {_a(other)}: link to {other.value}:{name}" if other else ""


def check_journey_graph(journey: Journey, doc: Document) -> list[Problem]:
    """Step ids, targets, decisions, and the shape of the whole graph."""
    problems: list[Problem] = []
    pos = doc.positions
    index = {s.id: i for i, s in reversed(list(enumerate(journey.steps)))}
    step_names: set[str] = set()
    for i, step in enumerate(journey.steps):
        for name, path in [(step.id, ("steps", i, "id"))] + [
            (a, ("steps", i, "aliases", j)) for j, a in enumerate(step.aliases)
        ]:
            if name in step_names:
                alias = path[2] == "aliases"
                problems.append(
                    error(
                        doc.path,
                        pos.of_value(path),
                        "duplicate-step",
                        f"step {'alias' if alias else 'id'} '{name}' is used twice in this journey",
                        "an alias keeps a step's old id: it cannot name another step" if alias else "",
                    )
                )
            step_names.add(name)

    known = list(dict.fromkeys(s.id for s in journey.steps))
    for i, step in enumerate(journey.steps):
        if step.kind is StepKind.DECISION:
            problems += _check_decision(doc, i, step.options, known)
        elif "next" in doc.data["steps"][i] and step.next != END and step.next not in index:
            problems.append(_unknown_step(doc, ("steps", i, "next"), step.next, known))
    if problems:
        # Reachability and loops over a graph with broken edges only repeat those errors.
        return problems

    problems += _unreachable(journey, doc, index)

    for chain in graph.cycles(journey):
        closing_step = chain[-2]
        i = index[closing_step]
        step = journey.steps[i]
        if step.kind is StepKind.DECISION:
            j = next(k for k, o in enumerate(step.options) if o.goto == chain[-1])
            edge: JsonPath = ("steps", i, "options", j, "goto")
        elif "next" in doc.data["steps"][i]:
            edge = ("steps", i, "next")
        else:
            edge = ("steps", i, "id")
        problems.append(
            error(
                doc.path,
                pos.of_value(edge),
                "journey-cycle",
                f"steps loop back on themselves: {' → '.join(chain)}",
                "a journey runs one way: point this at a later step or at 'end'",
            )
        )

    reached, finishing = graph.reachable(journey), graph.can_finish(journey)
    stuck = [s for s in journey.steps if s.id in reached and s.id not in finishing]
    if stuck:
        problems.append(
            error(
                doc.path,
                pos.of_value(("steps", index[stuck[0].id], "id")),
                "journey-no-end",
                f"no path from step '{stuck[0].id}' reaches the end of the journey"
                + (f" (nor from {', '.join(repr(s.id) for s in stuck[1:])})" if len(stuck) > 1 else ""),
                "give the loop a way out with 'next: end' or an option that leads on",
            )
        )
    return problems


def _unreachable(journey: Journey, doc: Document, index: dict[str, int]) -> list[Problem]:
    """One error per stretch of steps nothing leads into, at its first step, naming the steps only it leads to.

    A stretch most often follows a step whose 'next' jumps past it: the hint names that step.
    """
    successors = graph.edges(journey)
    reached = graph.reachable(journey)
    unreached = [s.id for i, s in enumerate(journey.steps) if s.id not in reached and index[s.id] == i]
    entered = {t for source in unreached for t in successors[source]}
    roots = [s for s in unreached if s not in entered] or unreached[:1]  # a loop of its own: its first step
    problems, told = [], set()
    for root in roots:
        stretch = [s for s in unreached if s in graph.reachable_from(root, successors) and s not in told]
        told |= set(stretch)
        i = index[root]
        message = f"step '{root}' cannot be reached from the first step '{journey.first.id}'"
        if len(stretch) > 1:
            what = "the step that follows" if len(stretch) == 2 else f"the {len(stretch) - 1} steps that follow"
            message += f", nor {what} from it: {', '.join(stretch[1:])}"
        problems.append(
            error(
                doc.path,
                doc.positions.of_value(("steps", i, "id")),
                "journey-unreachable",
                message,
                _jump_hint(journey, doc, i),
            )
        )
    return problems


def _jump_hint(journey: Journey, doc: Document, i: int) -> str:
    """The step before ``i`` jumps past it with its 'next', or the general advice."""
    before = journey.steps[i - 1] if i else None
    if before is not None and before.kind is not StepKind.DECISION and "next" in doc.data["steps"][i - 1]:
        line = doc.positions.of_value(("steps", i - 1, "next")).line
        return f"step '{before.id}' just above goes to '{before.next}' with its 'next' on line {line}; {_REACH_IT}"
    return _REACH_IT


_REACH_IT = "point a 'next' or an option's 'goto' at it, or remove the step"


def _check_decision(doc: Document, i: int, options: Iterable[Any], known: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    options = list(options)
    if len(options) < 2:
        problems.append(
            error(
                doc.path,
                doc.positions.of_key(("steps", i, "options")),
                "decision-options",
                f"a decision needs at least two options; this one has {len(options)}",
                "add another option, or make the step a plain concept or exercise step",
            )
        )
    problems += repeated_labels(doc, ((("steps", i, "options", j, "label"), o.label) for j, o in enumerate(options)))
    seen: dict[str, str] = {}
    for j, option in enumerate(options):
        path = ("steps", i, "options", j, "goto")
        if option.goto != END and option.goto not in known:
            problems.append(_unknown_step(doc, path, option.goto, known))
        if option.goto in seen:
            problems.append(
                error(
                    doc.path,
                    doc.positions.of_value(path),
                    "decision-duplicate-target",
                    f"options '{seen[option.goto]}' and '{option.label}' both lead to '{option.goto}'",
                    "each option of a decision leads to a different step",
                )
            )
        else:
            seen[option.goto] = option.label
    return problems


def _unknown_step(doc: Document, path: JsonPath, target: str, known: list[str]) -> Problem:
    return error(
        doc.path,
        doc.positions.of_value(path),
        "unknown-step",
        f"no step '{target}' in this journey",
        did_you_mean(target, known + [END]) or f"known steps: {', '.join(known)}, or 'end'",
    )


def check_coverage(site: Site) -> list[Problem]:
    """Warnings: content in no journey, concepts with nothing to try."""
    problems: list[Problem] = []
    used: dict[Kind, set[str]] = {Kind.CONCEPT: set(), Kind.EXERCISE: set()}
    for doc in site.documents.values():
        if doc.kind is Kind.JOURNEY:
            for kind, target in _step_targets(doc.data):
                used[kind].add(target)
    project = site.project
    journeys_unknown = any(kind is Kind.JOURNEY for kind, _ in site.unreadable) or any(
        d.kind is Kind.JOURNEY and not (isinstance(d.data, dict) and isinstance(d.data.get("steps"), list))
        for d in site.documents.values()
    )
    for kind, items in ((Kind.CONCEPT, project.concepts), (Kind.EXERCISE, project.exercises)):
        if journeys_unknown:
            break  # a journey we could not read may well contain them
        for item in items.values():
            names = {item.id, *item.aliases, site.documents[item.path].stem}  # a file whose id is wrong has its error
            if not names & used[kind]:
                problems.append(
                    warning(
                        item.path,
                        site.documents[item.path].positions.of_value(("id",)),
                        "orphan-content",
                        f"{kind.value} '{item.id}' is in no journey",
                        f"add a step with '{kind.value}: {item.id}' to a journey",
                    )
                )
    for concept in project.concepts.values():
        if not concept.exercises:
            problems.append(
                warning(
                    concept.path,
                    site.documents[concept.path].positions.of_value(("id",)),
                    "concept-without-exercise",
                    f"concept '{concept.id}' has no exercise to try",
                    "list at least one exercise id under 'exercises'",
                )
            )
    return problems


def _step_targets(data: Any) -> Iterator[tuple[Kind, str]]:
    """Content a journey's steps point at, read leniently: an invalid journey still counts."""
    steps = data.get("steps") if isinstance(data, dict) else None
    for step in steps if isinstance(steps, list) else ():
        if isinstance(step, dict):
            for kind in (Kind.CONCEPT, Kind.EXERCISE):
                if isinstance(step.get(kind.value), str):
                    yield kind, step[kind.value]


def _get(data: Any, path: JsonPath) -> Any:
    for key in path:
        data = data[key]
    return data


def _rename_hint(item_id: str, doc: Document, taken: bool) -> str:
    """Make the two agree (``item_id`` is a valid id), never by suggesting a file name that is not one.

    Never rename it to the name of a file that exists (``taken``): that file is most likely
    the one this file copies.
    """
    target = f"{item_id}{_suffix(doc.path)}"
    if taken:
        copy = f"delete this file if it is a copy of '{target}', which already exists"
        if ID_PATTERN.match(doc.stem):
            return f"set id: {doc.stem}, or {copy}"
        return f"{copy}; or give it an id of its own and name the file after it"
    if ID_PATTERN.match(doc.stem):
        return f"set id: {doc.stem}, or rename the file to '{target}' and list '{doc.stem}' under aliases"
    return f"rename the file to '{target}': a file name is its id, in lowercase letters, digits and hyphens"


def _suffix(path: str) -> str:
    return "." + path.rsplit(".", 1)[-1]
