"""The importer knows layouts, not documents: no word from one document sits in its code.

A Japanese run of four or more characters in a string of the importer's code (docstrings
included) that occurs in exactly one seed or one corpus document is a sign of code fitted to
that document; such knowledge belongs in the lexicon's data files, in words more than one
document shares.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from keikaku.importer import lexicon

IMPORTER = Path(__file__).resolve().parent.parent / "keikaku" / "importer"
CORPUS = Path(__file__).resolve().parent / "corpus" / "cases"
RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff10-\uff19・ー]{4,}")


def _strings(path: Path) -> list[str]:
    return [n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_word_of_a_single_document_in_the_importer_code(seeds: Path) -> None:
    documents = [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(seeds.glob("*.txt"))]
    documents += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert len(documents) >= 35
    fitted = sorted({
        f"{path.relative_to(IMPORTER)}: {word}"
        for path in IMPORTER.rglob("*.py")
        for text in _strings(path)
        for word in RUN.findall(text)
        if sum(word in doc for doc in documents) == 1
    })
    assert fitted == []


def test_the_lexicon_files_load_and_name_every_role() -> None:
    lex = lexicon.header_words()
    assert [role for role, _, _ in lex.roles] == [
        "rate", "interim", "target", "baseline", "actual", "unit", "direction", "definition", "source", "note",
        "department", "label", "name"]
    assert lex.role_of("目標達成率") == "rate" and lex.role_of("中間目標値") == "interim"
    assert lex.role_of("目 標 値（令和7年度）") == "target" and lex.role_of("数値目標") == "name"
    structure = lexicon.structure()
    assert "施策" in structure.level_words and structure.unnamed_levels[:2] == ("分野", "施策")
    assert lexicon.pattern("tables", "target_words").match("拡充")
