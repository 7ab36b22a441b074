"""Let a pool's worker process end without tearing its interpreter down.

When a ``ProcessPoolExecutor`` shuts down, each worker leaves its loop and Python
finalizes: it frees every module's objects one by one. With spaCy or Great
Expectations loaded that takes 0.4-0.8 s, and whoever joins the worker waits
for it: the NLP step ended 0.78 s after its last batch, all of it in
``shutdown(wait=True)``. By then a worker has nothing left to write (its
results went back through the pool's pipe, its files are closed), so it may
leave at once.
"""

from __future__ import annotations

import atexit
import os
import sys


def exit_without_teardown() -> None:
    """From a pool worker's initializer: end this process with ``os._exit(0)`` once Python
    starts to exit, after the exit handlers registered later than this one.

    Only for processes whose exit status nobody reads (a pool notices a dead worker by
    its sentinel, not by its status); never in a run's own process."""
    atexit.register(_leave_now)


def _leave_now() -> None:
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()  # its handler registered before ours: flush what workers logged
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
