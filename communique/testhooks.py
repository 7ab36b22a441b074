"""Test-only pause points, so crash-safety tests can SIGKILL a run at a chosen step.

With ``COMMUNIQUE_TEST_PAUSE_AT=<name>`` (``nlp`` | ``publish``) and
``COMMUNIQUE_TEST_PAUSE_MARKER=<file>``, the run writes the marker file when it
reaches that point and then waits (for at most an hour) to be killed. Never
set these in production: with them unset a pause point costs one dict lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def pause_point(name: str) -> None:
    """Announce reaching ``name`` through the marker file and wait to be killed."""
    if os.environ.get("COMMUNIQUE_TEST_PAUSE_AT") != name:
        return
    marker = Path(os.environ.get("COMMUNIQUE_TEST_PAUSE_MARKER", f"/tmp/communique-pause-{name}"))
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(str(os.getpid()))
    deadline = time.monotonic() + 3600
    while time.monotonic() < deadline:
        time.sleep(0.05)
