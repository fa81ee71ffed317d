"""JSON as a person sends it (a case file, a request body, an uploaded file), parsed in one way,
with what is wrong said in words: the command line, the API and the form each put the words in
their own frame (a line on stderr, a 400 in the API's error shape, a message on the form).

UTF-8 only, as RFC 8259 asks of JSON that is exchanged; a leading byte-order mark (what Notepad
writes) is read past. Nothing of the text itself is quoted back: a case file is full of the
case, and the error may be logged.
"""

from __future__ import annotations

import json
from typing import Any

_BYTE_ORDER_MARK = "\ufeff"


class NotJson(ValueError):
    """Why a text is not JSON, worded to follow "the file is" / "the body is": "not JSON:
    Expecting value at line 1, column 1"."""


def parse_json(data: bytes | str) -> Any:
    """The JSON value in ``data``, or NotJson saying why there is none."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise NotJson("not text in UTF-8") from None
    text = data.removeprefix(_BYTE_ORDER_MARK)
    if not text.strip():
        raise NotJson("not JSON: it is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise NotJson(f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise NotJson("nested too deeply to be read") from None
    except ValueError:  # a number of more digits than Python converts
        raise NotJson("not JSON docgen reads: a number in it is too long") from None
