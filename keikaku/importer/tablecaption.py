"""A table's caption printed over its header.

Word pages often put a short phrase over an indicator table that names what it holds, the header
words run together by particles::

    成果指標の目標と実績
    指標名  単位  基準値（令和2年度）  区分  令和3年度 …  目標値（令和7年度）

The phrase holds header words (指標, 目標, 実績), so it would be taken for the header's first line
and its words for columns. A line of one phrase — no space, no figure, a name word of the lexicon
joined to other words by の or と (``[tablecaption] caption`` in ``lexicon/patterns.toml``) — right
over a line where a table starts is the table's caption: the table starts on the next line.
"""

from __future__ import annotations

from keikaku.importer.lexicon import pattern


def is_caption(key: str) -> bool:
    """Whether a folded line is a caption phrase naming a table (see the module)."""
    return pattern("tablecaption", "caption").match(key) is not None
