"""How wide a line of chart text is, estimated without a browser, and text wrapped to a width.

Charts are laid out before any browser measures them (labels placed clear of each other, titles
wrapped to the width of an export), so widths are estimated per character, on the generous side:
a label planned with these widths never runs into its neighbour in the real font.
"""

from __future__ import annotations

import unicodedata


def char_em(char: str) -> float:
    """The width of one character as a share of the font size (an upper estimate for sans fonts)."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char == " ":
        return 0.3
    if char.isdigit():
        return 0.58
    if char.isupper():
        return 0.68
    if char in "il.,:;'|!":
        return 0.3
    if char in "mwMW%":
        return 0.9
    return 0.56


def text_width(text: str, font_size: float) -> float:
    return sum(char_em(char) for char in text) * font_size


def wrap_to_width(text: str, max_width: float, font_size: float) -> list[str]:
    """Break text into lines no wider than ``max_width`` pixels: at spaces, or between any two
    characters of a language written without spaces (Chinese)."""
    if not text:
        return []
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if line and text_width(candidate.rstrip(), font_size) > max_width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    _no_lone_last_character(lines)
    return lines


def _no_lone_last_character(lines: list[str]) -> None:
    """A Chinese last line of one character (and its full stop) takes one more from the line
    before: "…不代表实测变 / 化。" read as a stray; "…不代表实测 / 变化。" does not."""
    if len(lines) < 2:
        return
    last, before = lines[-1], lines[-2]
    wide = [char for char in last if unicodedata.east_asian_width(char) in ("W", "F") and char not in NO_LINE_START]
    tokens = _tokens(before)
    if len(wide) == 1 and len(tokens) > 2 and unicodedata.east_asian_width(tokens[-1][0]) in ("W", "F"):
        lines[-2], lines[-1] = "".join(tokens[:-1]).rstrip(), tokens[-1] + last


# Chinese line-breaking rules (as in typesetting, GB/T 15834 and W3C clreq): a closing mark never
# starts a line, an opening mark never ends one, and 年/月/日 stay with their number.
NO_LINE_START = frozenset("，。；：、）》」』”’！？％%)]…·")
NO_LINE_END = frozenset("（《「『“‘([")
WITH_NUMBER = frozenset("年月日号")


def _tokens(text: str) -> list[str]:
    """Words with their trailing space; each wide (CJK) character is a token of its own, except
    where the rules above glue it to its neighbour."""
    tokens: list[str] = []
    for token in _raw_tokens(text):
        previous = tokens[-1] if tokens else ""
        if previous and (token[0] in NO_LINE_START or previous[-1] in NO_LINE_END or (token[0] in WITH_NUMBER and previous[-1].isdigit())):
            tokens[-1] = previous + token
        else:
            tokens.append(token)
    return tokens


def _raw_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    word = ""
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens
