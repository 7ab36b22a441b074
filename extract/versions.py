"""Extractor versions: per kind, a hash of everything that decides its output.

A kind's version hashes the model's name and version, the codebook files it
reads and the source of every extract/ module it imports, directly or not
(found by reading the imports, so a new import is never forgotten). Kept apart
from the pipeline so that asking "is anything pending?" costs no spaCy import.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

KINDS = ("mentions", "meetings", "pledges", "figures")

# The module that computes each kind, and its codebook file (besides actors.yaml).
_KIND_ROOT = {"mentions": "actors", "meetings": "meetings", "pledges": "pledges", "figures": "figures"}
_KIND_YAML = {"mentions": None, "meetings": "meetings", "pledges": "pledges", "figures": "figures"}
_HERE = Path(__file__).resolve().parent


def _file_digest(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


def _extract_imports(path: Path, top_level_only: bool = False) -> set[str]:
    """Names of the extract/ modules ``path`` imports ("from extract.x import", "from extract import x"),
    anywhere in it or, with ``top_level_only``, at module level only."""
    if not path.is_file():
        return set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in (tree.body if top_level_only else ast.walk(tree)):
        if isinstance(node, ast.ImportFrom) and node.module == "extract":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("extract."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("extract."))
    return found


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
