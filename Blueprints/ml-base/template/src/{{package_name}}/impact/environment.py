"""Which software produced a result: Python, the platform and the packages the process imported."""

import platform
import sys
from importlib import metadata
from typing import Any

# Installers and test tools: imported by the process at times, never part of a result.
_SKIP = {"pip", "setuptools", "wheel", "pytest", "pluggy", "iniconfig", "packaging", "_pytest"}


def packages(project: str | None = None) -> dict[str, str]:
    """{distribution name: version} of every installed distribution that provides a module this
    process has imported (numpy, scikit-learn, scipy, ...), the project's own excluded."""
    try:
        providers = metadata.packages_distributions()
    except Exception:  # noqa: BLE001 - a broken installation must not stop an evaluation
        return {}
    found: dict[str, str] = {}
    top = {name.split(".", 1)[0] for name in list(sys.modules)}
    for module in sorted(top):
        for dist in providers.get(module, []):
            if dist.lower() in _SKIP or (project and dist.replace("-", "_").lower() == project.lower()):
                continue
            try:
                found[dist] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                continue
    return dict(sorted(found.items(), key=lambda item: item[0].lower()))


def info(project: str | None = None) -> dict[str, Any]:
    """{"python": "3.11.7", "platform": "Linux-...", "packages": {...}}."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages(project),
    }


def differences(a: dict[str, Any] | None, b: dict[str, Any] | None) -> list[str]:
    """What differs between two `environment` entries, in words ([] when equal or unknown)."""
    if not a or not b:
        return []
    out = [f"{k} {a.get(k)} vs {b.get(k)}" for k in ("python", "platform") if a.get(k) != b.get(k)]
    pa, pb = a.get("packages") or {}, b.get("packages") or {}
    for name in sorted(set(pa) | set(pb), key=str.lower):
        if pa.get(name) != pb.get(name):
            out.append(f"{name} {pa.get(name, 'absent')} vs {pb.get(name, 'absent')}")
    return out
