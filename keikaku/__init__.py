"""keikaku: a city's comprehensive plan, from the printed document to the yearly review."""

__version__ = "0.1.0"
