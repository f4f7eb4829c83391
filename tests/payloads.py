"""Hostile text for every text column of every data file, and checks that it stays inert.

Each column gets its own payload (it ends with the column's name), so a test can tell which column
reached which place on the page. Every payload starts with a spreadsheet formula, so each CSV
download holds formula-like cells, and carries Markdown emphasis, a javascript: link, an HTML image
with an event handler and a Markdown image.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

# The free-text columns of each file: every other column is a code the validator checks against a list.
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicators.csv": (
        "label_en", "label_de", "label_zh", "source_de", "source_en", "source_zh", "citation", "publisher", "url", "quote",
    ),
    "initiatives.csv": (
        "name_report", "name_en", "name_zh", "official_name",
        "description_en", "description_de", "description_zh",
        "source_de", "source_en", "source_zh",
    ),
    "glossary.csv": (
        "term_en", "term_de", "term_zh", "definition_en", "definition_de", "definition_zh",
    ),
    # What the glossary and the initiatives cite (their references columns hold ids, checked).
    "references.csv": ("publisher", "title", "names"),
}

FORMULA = '=HYPERLINK("http://example.invalid","x")'
MARKUP = "**x** [y](javascript:alert(1)) <img src=x onerror=alert(1)> ![z](http://example.invalid/a.png)"


def payload(file_name: str, column: str) -> str:
    return f"{FORMULA} {MARKUP} {file_name.split('.')[0]}.{column}"


def seed(data_dir: Path) -> None:
    """Put each text column's payload into every row of the data files in ``data_dir``."""
    for file_name, columns in TEXT_COLUMNS.items():
        path = data_dir / file_name
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = reader.fieldnames, list(reader)
        for row in rows:
            for column in columns:
                row[column] = payload(file_name, column)
            if file_name == "initiatives.csv" and not row["references"]:
                # Every row now has an official name, which must cite a source: the payload's.
                row["references"] = _first_reference(data_dir)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")


def _first_reference(data_dir: Path) -> str:
    with open(data_dir / "references.csv", encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))["id"]


# In Markdown these must be escaped for the payload to show as text: each could start emphasis, a
# link, an image or an HTML tag. Other punctuation may be escaped or not.
MUST_ESCAPE = set("*_[]()<>!`")


def _markdown_pattern(text: str, strict: bool) -> re.Pattern:
    parts = []
    for char in text:
        if strict and char in MUST_ESCAPE:
            parts.append(re.escape("\\" + char))
        elif char.isascii() and not char.isalnum() and not char.isspace():
            parts.append(r"\\?" + re.escape(char))
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts))


def shown_escaped(markdown: str, text: str) -> bool:
    """True when ``text`` occurs in the Markdown source escaped so that it reads as itself."""
    return _markdown_pattern(text, strict=True).search(markdown) is not None


def unescaped_occurrences(markdown: str, text: str) -> int:
    """How often ``text`` occurs in the Markdown source with some of its markup left live."""
    loose = len(_markdown_pattern(text, strict=False).findall(markdown))
    strict = len(_markdown_pattern(text, strict=True).findall(markdown))
    return loose - strict


LIVE_MARKUP = re.compile(r"(?<!\\)<img|(?<!\\)!\[z|(?<!\\)\]\(javascript|(?<!\\)\*\*x\*\*")


def has_live_markup(markdown: str) -> bool:
    """Any piece of the payload's markup that Markdown would render (also from a cut payload)."""
    return LIVE_MARKUP.search(markdown) is not None
