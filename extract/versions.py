"""Extractor versions: per kind, a hash of everything that decides its output.

A kind's version hashes the model's name and version, the codebook files it
reads and the source of every extract/ module it imports, directly or not
(found by reading the imports, so a new import is never forgotten). Kept apart
from the pipeline so that asking "is anything pending?" costs no spaCy import.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

KINDS = ("mentions", "meetings", "pledges", "figures")

# The module that computes each kind, and its codebook file (besides actors.yaml).
_KIND_ROOT = {"mentions": "actors", "meetings": "meetings", "pledges": "pledges", "figures": "figures"}
_KIND_YAML = {"mentions": None, "meetings": "meetings", "pledges": "pledges", "figures": "figures"}
_HERE = Path(__file__).resolve().parent


def _file_digest(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


# An import of extract/ modules, at the start of a line: "from extract.x import ...",
# "from extract import a, b" (parenthesised over several lines too) or "import extract.x".
# Read as text, not parsed: with ast.parse and a walk of 16 modules the four kinds' versions
# took ~0.25 s of every run's main process, now ~0.05 s. A match inside a string can only
# add a dependency, never drop one.
_IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)(?:from[ \t]+extract\.(?P<sub>\w+)[\w.]*[ \t]+import\b"
    r"|from[ \t]+extract[ \t]+import[ \t]+(?:\((?P<group>[^)]*)\)|(?P<names>[^\n#]*))"
    r"|import[ \t]+(?P<plain>[^\n#]*))", re.MULTILINE)


def _extract_imports(path: Path, top_level_only: bool = False) -> set[str]:
    """Names of the extract/ modules ``path`` imports ("from extract.x import", "from extract import x"),
    anywhere in it or, with ``top_level_only``, at module level only (not indented)."""
    if not path.is_file():
        return set()
    found: set[str] = set()
    for match in _IMPORT.finditer(path.read_text(encoding="utf-8")):
        if top_level_only and match["indent"]:
            continue
        if match["sub"]:
            found.add(match["sub"])
        elif match["group"] is not None or match["names"] is not None:
            names = match["group"] if match["group"] is not None else match["names"]
            names = re.sub(r"#[^\n]*", "", names).replace("\\", " ")  # comments, continuations
            found.update(_name(part) for part in names.split(",") if _name(part))
        else:
            found.update(name.split(".")[1] for name in map(_name, match["plain"].split(","))
                         if name.startswith("extract."))
    return found


def _name(part: str) -> str:
    """``x`` of an import list's item ``x`` or ``x as y``."""
    words = part.split()
    return words[0] if words else ""


def _sources_state(here: Path) -> tuple:
    """(name, size, mtime) of every module in ``here``: the import graph's cache key."""
    return tuple(sorted((p.name, s.st_size, s.st_mtime_ns) for p in here.glob("*.py")
                        for s in [p.stat()]))


@lru_cache(maxsize=64)
def _dependencies(root: str, here: Path, state: tuple) -> tuple[str, ...]:
    seen: set[str] = set()
    pending = [root, "pipeline"]
    while pending:
        name = pending.pop()
        if name in seen or not (here / f"{name}.py").is_file():
            continue
        seen.add(name)
        # the pipeline imports every tagger lazily to dispatch: only its module-level imports count
        pending.extend(_extract_imports(here / f"{name}.py", top_level_only=name == "pipeline") - seen)
    return tuple(sorted(seen))


def module_dependencies(root: str, here: Path | None = None) -> list[str]:
    """``root`` and every extract/ module it imports transitively, sorted (subpackages excluded).
    Parsed once per process while no module file changes."""
    here = (here or _HERE).resolve()
    return list(_dependencies(root, here, _sources_state(here)))


def extractor_versions(model_name: str, codebook_dir: Path) -> dict[str, str]:
    """Per kind: a hash of model name+version, actors.yaml, the kind's yaml and module sources."""
    try:
        from importlib.metadata import version
        model_version = version(model_name.replace("_", "-"))
    except Exception:  # model not installed as a distribution: name alone
        model_version = "unknown"
    codebook_dir = Path(codebook_dir)
    versions = {}
    for kind in KINDS:
        digest = hashlib.sha256(f"{model_name}=={model_version}".encode())
        digest.update(_file_digest(codebook_dir / "actors.yaml"))
        if _KIND_YAML[kind]:
            digest.update(_file_digest(codebook_dir / f"{_KIND_YAML[kind]}.yaml"))
        for module in module_dependencies(_KIND_ROOT[kind]):
            digest.update(_file_digest(_HERE / f"{module}.py"))
        versions[kind] = digest.hexdigest()[:16]
    return versions
