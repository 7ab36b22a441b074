"""dbt's parse of the coming build, done on a thread while the NLP step's workers parse text.

Before its first node, an in-process ``dbt build`` spends about 2 s of one core
importing dbt's command line, validating the project and profile against their
JSON schemas, reading the partial-parse file and writing the manifest (py-spy
profile of a nightly run, 1,410 readouts). The dbt step cannot start before the
NLP step ends, but the parse does not depend on its results (only on the project
files and the profile's variables), and the NLP step's main thread mostly waits
for its workers once each has its first batches. ``prepare`` starts the parse
then; the dbt step ``take``s the manifest (``dbtRunner(manifest=...)``), which dbt
uses instead of parsing.

Started after the last batch was handed out (until December 2026), the parse
overlapped the step's last half second only: the last batches are cut small, so
the dbt step waited 1.2-1.7 s for it in full runs of the 1,410 readouts.

Only for a run executed in one process (``communique.run`` calls
``allow_preparing``): under a multi-process executor the dbt step runs in another
process and the parse would be wasted.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Mapping, Sequence

from communique.dbt_inprocess import environment, parse_manifest

_ALLOWED = threading.Event()
_PREPARED: dict = {}  # key, thread, result of the one parse started


def allow_preparing() -> None:
    """Let ``prepare`` run: this process will also run the dbt step that takes the parse."""
    _ALLOWED.set()


def prepare(args: Sequence[str], env: Mapping[str, str], then_import: Sequence[str] = ()) -> bool:
    """Start ``dbt <args>`` (a parse) on a daemon thread with ``env`` set, then import the
    modules ``then_import`` names on it; False when not allowed or one was started already.

    ``env`` holds the profile's variables with the values the build will set, so
    setting them while the parse runs changes nothing else this process reads. The
    imports are those the steps after extraction would make on the run's critical
    path (``take`` waits for them too, so no step imports a module at the same time)."""
    if not _ALLOWED.is_set() or _PREPARED:
        return False
    result: dict = {}

    def parse() -> None:
        with environment(env):
            result["manifest"] = parse_manifest(args)
        for name in then_import:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001  (the step that needs it will import it and say why)
                pass

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
    prepared["thread"].join()  # also before the caller sets its own variables, and imports
    if prepared["key"] != _key(args, env):
        return None
    return prepared["result"].get("manifest")


def _key(args: Sequence[str], env: Mapping[str, str]) -> tuple:
    return tuple(args), tuple(sorted(env.items()))
