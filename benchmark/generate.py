"""Large valid indicator files made from the real rows, for the validation and loading benchmarks.

Each generated row is a real row with a unique id (its parent renamed alike), its value nudged within
its rules, and, unless ``repetitive``, text of its own: each distinct text of a real cell becomes,
in every block of generated rows, a new text (its words shuffled, with a few words from elsewhere in
the file). So the generated file repeats text exactly as much as the real one does (figures quoted
from one sentence share it; no label or sentence repeats across blocks): a validator that checks
each distinct cell once must not be timed on a file whose cells repeat more than real ones.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from pathlib import Path

# Columns with free text (labels, sentences, citation): everything else is a code, number or period.
TEXT_COLUMNS = ("label_en", "label_de", "label_zh", "source_de", "source_en", "source_zh", "citation")


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _perturbed(row: dict[str, str], block: int) -> dict[str, str]:
    """A valid copy of a real row: unique id, its parent renamed alike, the value nudged within its rules."""
    new = dict(row)
    new["id"] = f"{row['id']}_{block}"
    if row["parent_id"]:
        new["parent_id"] = f"{row['parent_id']}_{block}"
    value = float(row["value"])
    step = block % 10
    measure = row["measure"]
    if measure == "count":
        value = int(value) + step
    elif measure in ("share", "rate"):
        value = min(100.0, value + step / 10)
    elif measure == "growth_yoy":
        value = value + step / 10
    else:
        value = value * (1 + step / 100)
    new["value"] = repr(value) if isinstance(value, float) else str(value)
    return new


class TextMaker:
    """Unique, realistic cell text: a real cell's words in a new order plus three words of the file."""

    def __init__(self, base_rows: list[dict[str, str]], seed: int = 20260127):
        self.random = random.Random(seed)
        self.block, self.made = -1, {}
        self.words = sorted({word for row in base_rows for column in TEXT_COLUMNS for word in _words(row.get(column, ""))})

    def __call__(self, text: str, block: int) -> str:
        if not text:
            return text
        if self.block != block:
            self.block, self.made = block, {}
        if text not in self.made:
            self.made[text] = self._new(text)
        return self.made[text]

    def _new(self, text: str) -> str:
        words = _words(text)
        self.random.shuffle(words)
        words += self.random.sample(self.words, 3)
        joiner = "" if _is_chinese(text) else " "
        return joiner.join(words)


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text[:20])


def _words(text: str) -> list[str]:
    # Chinese has no spaces between words: take characters in pairs as its "words".
    if _is_chinese(text):
        return [text[i : i + 2] for i in range(0, len(text), 2)]
    return text.split()


def write_generated(
    path: Path,
    total_rows: int,
    base_rows: list[dict[str, str]],
    columns: list[str],
    bad: dict[int, Callable[[dict], dict]] | None = None,
    repetitive: bool = False,
) -> dict[int, int]:
    """Write ``total_rows`` valid rows (bad ones where ``bad`` says); return each bad row's line number."""
    bad = bad or {}
    text = None if repetitive else TextMaker(base_rows)
    lines_of_bad: dict[int, int] = {}
    blocks = -(-total_rows // len(base_rows))
    written = 0
    line = 1  # the header is line 1
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for block in range(blocks):
            rows = [_perturbed(row, block) for row in base_rows]
            if written + len(rows) > total_rows:
                rows = rows[: total_rows - written]
                ids = {row["id"] for row in rows}
                for row in rows:  # a cut block must not point at parents it left out
                    if row["parent_id"] and row["parent_id"] not in ids:
                        row["parent_id"] = ""
            for row in rows:
                if text is not None:
                    for column in TEXT_COLUMNS:
                        row[column] = text(row[column], block)
                if written in bad:
                    row = bad[written](row)
                    lines_of_bad[written] = line + 1
                values = [row[column] for column in columns]
                writer.writerow(values)
                line += 1 + sum(value.count("\n") for value in values)
                written += 1
    return lines_of_bad
