"""File names as the printed formats show them.

A draft's name is chosen by whoever wrote the file, and CI runners read every
line a tool prints: a name such as `::error title=x::pwned.md` at the start of a
line would be a GitHub workflow command, a newline in a name would start a line
of its own, and an escape sequence would talk to the terminal. Printed names are
therefore escaped; the written formats escape them their own way (JSON, SARIF
URIs, HTML, XML, annotation properties).
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Characters that reorder the text around them on screen ("Trojan source").
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown_path(path: str) -> str:
    """`path` with control and bidirectional characters escaped (`\\n`, `\\x1b`,
    `\\u202e`), and `./` before a name that does not start with a letter, a
    digit, `.`, `/`, `_`, `~` or `<`, so that no line can start with `::` or `##`."""
    escaped = escape_controls(path)
    if escaped and not (escaped[0].isalnum() or escaped[0] in "./_~<"):
        escaped = "./" + escaped
    return escaped


def escape_controls(text: str) -> str:
    """`text` on one line: control and bidirectional characters escaped."""
    return "".join(_escaped(c) for c in text)


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    if char in _BIDI or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char
