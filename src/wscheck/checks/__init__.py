"""Check types: one module each, found by their `ID` (see `wscheck.checks.base`)."""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_REGISTRY: dict[str, ModuleType] | None = None


def registry() -> dict[str, ModuleType]:
    """Check id -> module, for every module in this package that defines `ID`."""
    global _REGISTRY
    if _REGISTRY is None:
        found: dict[str, ModuleType] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            if info.name.startswith("_") or info.name == "base":
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            check_id = getattr(module, "ID", None)
            if check_id:
                if check_id in found:
                    raise RuntimeError(f"two check types share the id {check_id!r}")
                found[check_id] = module
        _REGISTRY = found
    return _REGISTRY


def get(check_id: str) -> ModuleType | None:
    return registry().get(check_id)
