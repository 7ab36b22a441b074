"""dbt's parse of the coming build, done on a thread while the NLP step's last batches run.

Before its first node, an in-process ``dbt build`` spends about 2 s of one core
importing dbt's command line, validating the project and profile against their
JSON schemas, reading the partial-parse file and writing the manifest (py-spy
profile of a nightly run, 1,410 readouts). The dbt step cannot start before the
NLP step ends, but the parse does not depend on its results (only on the project
files and the profile's variables), and the NLP step's main thread just waits for
its workers once the last batch is handed out. ``prepare`` starts the parse then;
the dbt step ``take``s the manifest (``dbtRunner(manifest=...)``), which dbt uses
instead of parsing.

Only for a run executed in one process (``communique.run`` calls
``allow_preparing``): under a multi-process executor the dbt step runs in another
process and the parse would be wasted.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from communique.dbt_inprocess import environment, parse_manifest

_ALLOWED = threading.Event()
_PREPARED: dict = {}  # key, thread, result of the one parse started


def allow_preparing() -> None:
    """Let ``prepare`` run: this process will also run the dbt step that takes the parse."""
    _ALLOWED.set()


def prepare(args: Sequence[str], env: Mapping[str, str]) -> bool:
    """Start ``dbt <args>`` (a parse) on a daemon thread with ``env`` set; False when not
    allowed or one was started already.

    ``env`` holds the profile's variables with the values the build will set, so
    setting them while the parse runs changes nothing else this process reads."""
    if not _ALLOWED.is_set() or _PREPARED:
        return False
    result: dict = {}

    def parse() -> None:
        with environment(env):
            result["manifest"] = parse_manifest(args)

    thread = threading.Thread(target=parse, name="dbt-parse", daemon=True)
    _PREPARED.update(key=_key(args, env), thread=thread, result=result)
    thread.start()
    return True


def take(args: Sequence[str], env: Mapping[str, str]):
    """The manifest ``prepare`` parsed for exactly ``args`` and ``env`` (waiting for it to
    finish), once; None when there is none, it failed, or it was made for other ones."""
    prepared = dict(_PREPARED)
    _PREPARED.clear()
    if not prepared:
        return None
    prepared["thread"].join()  # also before the caller sets its own variables
    if prepared["key"] != _key(args, env):
        return None
    return prepared["result"].get("manifest")


def _key(args: Sequence[str], env: Mapping[str, str]) -> tuple:
    return tuple(args), tuple(sorted(env.items()))
