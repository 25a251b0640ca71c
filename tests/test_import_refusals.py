"""What the importer refuses: empty results, protected PDFs, damaged files; and nothing is ever half-stored."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from sqlalchemy import Engine, func, select

from docmaker import make_pdf
from keikaku.domain.errors import EmptyExtractionError, KeikakuError
from keikaku.importer.pipeline import extract_file
from keikaku.importer.readers.base import DocumentError
from keikaku.services.importing import import_file
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction

PLAN_LINES = [
    "みどり市総合計画",
    "施策1 公園の充実",
    "指標名 現状値(2020年度) 目標値(2030年度)",
    "公園の数 12か所 15か所",
    "施策2 緑化の推進",
    "指標名 現状値(2020年度) 目標値(2030年度)",
    "緑被率 31.5% 33.0%",
]


@pytest.fixture(autouse=True)
def _city(engine: Engine) -> None:
    with transaction(engine) as session:
        repo.resolve_municipality(session, code="990019", name="みどり市")


def plan_count(engine: Engine) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(m.Plan)) or 0


def test_a_document_with_nothing_of_a_plan_is_never_stored(engine: Engine, tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text("これは計画ではない文章です。\n市の取組を紹介します。\n", encoding="utf-8")
    assert extract_file(prose).plan.nodes == []  # extract shows what it read ...
    with pytest.raises(EmptyExtractionError) as info:  # ... import stores nothing
        import_file(engine, prose, municipality="990019")
    assert str(info.value) == "prose.txt: no plan was found in it (no node, indicator or project); nothing was stored"
    assert info.value.exit_code == 3
    assert plan_count(engine) == 0


def test_a_pdf_whose_owner_forbids_copying_is_refused(tmp_path: Path) -> None:
    pdf = make_pdf(PLAN_LINES, tmp_path / "locked.pdf", encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    with pytest.raises(DocumentError, match="an owner password forbids copying its text"):
        extract_file(pdf, ocr=False)


def test_a_pdf_protected_only_against_editing_is_read_like_an_open_one(tmp_path: Path) -> None:
    open_pdf = make_pdf(PLAN_LINES, tmp_path / "open.pdf")
    protected = make_pdf(PLAN_LINES, tmp_path / "protected.pdf",
                         encrypt=StandardEncryption("", ownerPassword="owner", canModify=0, canCopy=1))
    read = [(i.name, i.baseline.value, i.target.value) for i in extract_file(protected, ocr=False).plan.indicators]  # type: ignore[union-attr]
    assert read == [(i.name, i.baseline.value, i.target.value) for i in extract_file(open_pdf, ocr=False).plan.indicators]  # type: ignore[union-attr]
    assert read == [("公園の数", 12, 15), ("緑被率", 31.5, 33.0)]


def test_a_pdf_that_needs_a_password_to_open_is_refused(tmp_path: Path) -> None:
    pdf = make_pdf(PLAN_LINES, tmp_path / "secret.pdf", encrypt="secret")
    with pytest.raises(DocumentError, match=r"encrypted \(password-protected\)"):
        extract_file(pdf, ocr=False)


@pytest.mark.parametrize("seed", range(6))
def test_a_pdf_damaged_by_byte_flips_is_refused_or_read_but_never_stored_empty(engine: Engine, tmp_path: Path, seed: int) -> None:
    good = make_pdf(PLAN_LINES, tmp_path / "good.pdf")
    stored = import_file(engine, good, municipality="990019", ocr=False)
    assert stored.load.indicators == 2
    data = bytearray(good.read_bytes())
    rng = random.Random(seed)
    for _ in range(40):
        data[rng.randrange(len(data))] = rng.randrange(256)
    damaged = tmp_path / "good-damaged.pdf"
    damaged.write_bytes(bytes(data))
    try:
        result = import_file(engine, damaged, municipality="990019", ocr=False)
    except KeikakuError:
        assert plan_count(engine) == 1  # refused: nothing stored
        return
    assert result.load.nodes + result.load.indicators > 0  # read: something real, never an empty revision


def test_a_zip_whose_parts_zipfile_cannot_read_is_refused_by_name(tmp_path) -> None:  # noqa: ANN001
    """A zip naming an extraction version no reader knows, or an encrypted part, is a named refusal."""
    import io as _io
    import zipfile as _zipfile

    from keikaku.domain.errors import KeikakuError
    from keikaku.importer.pipeline import extract_file

    buffer = _io.BytesIO()
    with _zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6:central + 8] = (64).to_bytes(2, "little")  # version needed to extract: 6.4
    path = tmp_path / "future.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(KeikakuError):
        extract_file(path, ocr=False)
    encrypted = bytearray(buffer.getvalue())
    for header in (b"PK\x03\x04", b"PK\x01\x02"):
        at = encrypted.index(header)
        flag = 6 if header == b"PK\x03\x04" else 8
        encrypted[at + flag] |= 1  # the "encrypted" bit
    path.write_bytes(bytes(encrypted))
    with pytest.raises(KeikakuError):
        extract_file(path, ocr=False)
