"""Pairs joined into groups (a union-find), and a report changed by a pair or two without
searching again (the window after "Not duplicates" and its Undo)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from talentdesk.core.duplicates.records import DuplicateGroup, DuplicateReport, Pair, Person


def group_pairs(pairs: Iterable[Pair], people: dict[int, Person]) -> list[DuplicateGroup]:
    """Pairs joined into groups (connected components), most confident first. A pair whose
    people are not in `people` (deleted meanwhile) is left out."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    kept = [p for p in pairs if p.first_id in people and p.second_id in people]
    for pair in kept:
        a, b = root(pair.first_id), root(pair.second_id)
        if a != b:
            parent[max(a, b)] = min(a, b)
    by_root: dict[int, list[Pair]] = defaultdict(list)
    for pair in kept:
        by_root[root(pair.first_id)].append(pair)
    groups = []
    for found in by_root.values():
        if len(found) > 1:
            found.sort(key=_pair_order)
        members = {i for pair in found for i in pair.ids}
        groups.append(DuplicateGroup(tuple(people[i] for i in sorted(members)), tuple(found)))
    groups.sort(key=lambda g: (-g.score, -len(g.members), g.members[0].id))
    return groups


def regrouped(
    report: DuplicateReport,
    *,
    without: Iterable[tuple[int, int]] = (),
    adding: Iterable[Pair] = (),
    people: Iterable[Person] = (),
) -> DuplicateReport:
    """`report` without the pairs `without` (lower id first) and with the pairs `adding`
    (whose people are in the report or in `people`), grouped again."""
    gone = set(without)
    known = {person.id: person for group in report.groups for person in group.members}
    known.update((person.id, person) for person in people)
    pairs = [pair for group in report.groups for pair in group.pairs if pair.ids not in gone]
    listed = {pair.ids for pair in pairs}
    pairs += [pair for pair in adding if pair.ids not in listed]
    return replace(report, groups=tuple(group_pairs(pairs, known)))


def _pair_order(pair: Pair) -> tuple[int, int, int]:
    return (-pair.score, pair.first_id, pair.second_id)
