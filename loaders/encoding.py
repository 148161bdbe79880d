"""A text file's bytes → its text, or a LoadError naming the file.

The detection itself (UTF-8/16/32, GB18030/GBK, Big5, damaged bytes) is bangfu/knowledge/textcodec.py,
shared with the planner's uploaded lists; this module puts the file's name on its errors, as every
loader's error does.
"""

from __future__ import annotations

from bangfu.knowledge.textcodec import Decoded, TextCodecError
from bangfu.knowledge.textcodec import decode_text as decode_bytes
from loaders.errors import LoadError


def decode_text(data: bytes, path: str) -> Decoded:
    """A text file's bytes → Decoded, or LoadError for a binary file or one no encoding reads."""
    try:
        return decode_bytes(data)
    except TextCodecError as exc:
        raise LoadError(path, str(exc)) from exc
