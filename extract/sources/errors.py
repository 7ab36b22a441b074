"""One exception type so every format reader can refuse an input the same way."""

from __future__ import annotations


class InputRejected(Exception):
    """Raised by a reader when an input cannot become a document; becomes a `Rejection`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
