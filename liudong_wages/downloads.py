"""The name a download is saved under, and its Content-Disposition header: one place for every download.

A file name often carries text users typed (a campaign's name, an uploader's file name). Sent as it is, a
newline breaks the header (Django refuses it: a server error), a U+202E right-to-left override makes
`汇总表‮xslx.exe` look like an Excel file, and a path separator, quote or `..` asks the browser to guess.
`safe_filename` keeps the Chinese text and drops or replaces the rest; `content_disposition` builds the
header (RFC 6266, the UTF-8 form, so Chinese names survive every browser) from that name only.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

# Reserved on Windows in a file name, or separators anywhere; quotes end the header's quoted form.
REPLACED = frozenset("/\\:*?\"<>|'`")
# Names Windows gives to devices, whatever the extension (CON.xlsx opens the console).
DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)
# Most file systems allow 255 bytes in a name; a Chinese character takes three in UTF-8.
MAX_BYTES = 200
EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")


def _clean_char(char: str) -> str:
    if char.isspace():  # newlines and tabs included: one ordinary space
        return " "
    if char in REPLACED:
        return "_"
    # Cc control, Cf format (the bidirectional overrides, zero-width characters, the byte-order mark),
    # Cs lone surrogates, Co private use, Cn unassigned: none belongs in a name.
    if unicodedata.category(char).startswith("C"):
        return ""
    return char


def _shorten(name: str, limit: int) -> str:
    extension = match.group() if (match := EXTENSION.search(name)) else ""
    stem = name[: len(name) - len(extension)]
    while stem and len((stem + extension).encode()) > limit:
        stem = stem[:-1]
    return stem.rstrip(" .") + extension


def safe_filename(name: str, *, fallback: str = "download") -> str:
    """`name` made safe to save: no control or formatting characters (newlines, U+202E and its kin), no path
    separators, quotes or characters Windows refuses, no leading or trailing dots or spaces, not a device
    name, at most MAX_BYTES in UTF-8 (the extension kept). Chinese and other printable text stays."""
    text = "".join(_clean_char(char) for char in unicodedata.normalize("NFC", str(name)))
    text = re.sub(r" {2,}", " ", text).strip(" .")
    if not text.strip("_ ."):
        text = fallback
    if text.split(".", 1)[0].strip().upper() in DEVICE_NAMES:
        text = f"_{text}"
    return _shorten(text, MAX_BYTES) or fallback


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The Content-Disposition value of a download named `filename` (made safe here), shown in the browser
    with `inline=True` (a PDF), else saved."""
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename*=UTF-8''{quote(safe_filename(filename), safe='')}"
