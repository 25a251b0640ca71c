"""Pydantic's plugin loader, stood in for while plugins are turned off.

Pydantic asks ``pydantic.plugin._loader.get_plugins()`` for plugins each time it builds a model's
validator, and importing that module imports ``importlib.metadata`` (and with it ``email``,
``zipfile``, ``csv`` …) to scan the installed packages, even when ``PYDANTIC_DISABLE_PLUGINS``
turns the scan off: a few per cent of what ``keikaku extract`` spends starting. ``install`` puts a
module in its place whose ``get_plugins`` gives no plugins while they are turned off, as the real
one does, and otherwise imports the real one and hands over to it.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"
OFF = ("__all__", "1", "true")  # the values of PYDANTIC_DISABLE_PLUGINS that turn every plugin off


def _real() -> Any:
    """Pydantic's own loader, imported in place of the stand-in."""
    if getattr(sys.modules.get(LOADER), "stand_in", False):
        del sys.modules[LOADER]
    return importlib.import_module(LOADER)


def get_plugins() -> Iterable[Any]:
    """No plugins while they are turned off; otherwise what pydantic's loader finds."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in OFF:
        return ()
    return _real().get_plugins()


def install() -> bool:
    """Stand in for pydantic's loader when it is not imported yet; whether the stand-in is in place."""
    if LOADER in sys.modules:
        return bool(getattr(sys.modules[LOADER], "stand_in", False))
    module = types.ModuleType(LOADER, __doc__)
    module.get_plugins = get_plugins  # type: ignore[attr-defined]
    module.stand_in = True  # type: ignore[attr-defined]
    sys.modules[LOADER] = module
    return True
