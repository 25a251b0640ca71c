"""The ``keikaku`` console script: ``extract`` starts light, everything else goes through Typer."""

from __future__ import annotations

import os
import sys


def run() -> None:
    # keikaku uses no Pydantic plugins: skip the scan of every installed package for them.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if len(sys.argv) > 2 and sys.argv[1] == "extract":
        from keikaku import patterncache, pydanticplugins

        patterncache.install()  # the importer's patterns compiled by an earlier run are not compiled again
        pydanticplugins.install()  # plugins are off: pydantic's loader and importlib.metadata are not imported
        from keikaku.cli.extracting import light_main

        code = light_main(sys.argv[2:])
        if code is not None:
            sys.exit(code)
    from keikaku.cli.main import app

    app(prog_name="keikaku")
