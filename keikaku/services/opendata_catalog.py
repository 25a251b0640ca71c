"""The site's data catalogue: DCAT in JSON-LD, for open-data portals (CKAN with ckanext-dcat) to harvest.

One ``dcat:Catalog``; a ``dcat:Dataset`` per plan (its page is the landing page, its key the
identifier), published by its municipality (``dct:publisher``, a ``foaf:Organization`` with the
municipality code) and covering its area (``dct:spatial``, a ``dct:Location`` with the code), with
the plan's period as ``dct:temporal`` (fiscal years: 1 April to 31 March) and the time the plan
last changed as ``dct:modified``. A ``dcat:Distribution`` per download of the plan page
(``DISTRIBUTIONS``): its ``dcat:downloadURL``, the plan page as ``dcat:accessURL``, the IANA media
type as ``dcat:mediaType`` and a format word as ``dct:format``. A draft whose comment period has
ended also lists the table of opinions and the city's answers (``COMMENT_DISTRIBUTIONS``: its CSV
and PDF, see docs/comments.md). Titles and descriptions are
Japanese (``@language: ja``). Every URL is absolute, from the site's own address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine

from keikaku.services.cycle_common import today_jst
from keikaku.storage import comment_store, public_lookup
from keikaku.storage.database import transaction

CATALOG_PATH = "/catalog.jsonld"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
IANA = "https://www.iana.org/assignments/media-types/"
KIND_WORDS = {
    "comprehensive": "総合計画", "concept": "基本構想", "basic_plan": "基本計画", "implementation_plan": "実施計画",
    "strategy": "総合戦略", "sectoral": "個別計画",
}


@dataclass(frozen=True)
class DistributionKind:
    path: str  # after /plans/{id}
    title: str
    media_type: str
    format: str


DISTRIBUTIONS = (
    DistributionKind("/data.csv", "指標データ（CSV、UTF-8 BOM付き）", "text/csv", "CSV"),
    DistributionKind("/report.xlsx", "施策評価シート（Excel）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    DistributionKind("/report.pdf", "施策評価報告書（PDF）", "application/pdf", "PDF"),
    DistributionKind("/plan.json", "計画データ（JSON、keikaku-plan/1 形式）", "application/json", "JSON"),
    DistributionKind("/opensdg.zip", "Open SDG 形式のデータとメタデータ（ZIP）", "application/zip", "ZIP"),
)

COMMENT_DISTRIBUTIONS = (
    DistributionKind("/comments.csv", "意見と市の考え方（CSV、UTF-8 BOM付き）", "text/csv", "CSV"),
    DistributionKind("/comments.pdf", "意見と市の考え方（PDF）", "application/pdf", "PDF"),
)


def _ja(text: str) -> dict[str, str]:
    return {"@language": "ja", "@value": text}


def _datetime(value: datetime) -> dict[str, str]:
    moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return {"@type": "xsd:dateTime", "@value": moment.astimezone(timezone.utc).isoformat(timespec="seconds")}


def _date(text: str) -> dict[str, str]:
    return {"@type": "xsd:date", "@value": text}


def _publisher(base: str, plan: public_lookup.CatalogPlan) -> dict[str, object]:
    return {"@id": f"{base}{CATALOG_PATH}#publisher-{plan.municipality_code}", "@type": "foaf:Organization",
            "foaf:name": _ja(plan.municipality), "dct:identifier": plan.municipality_code}


def _dataset(base: str, plan: public_lookup.CatalogPlan, *, comments: bool = False) -> dict[str, object]:
    page = f"{base}/plans/{plan.id}"
    modified = _datetime(plan.modified)
    kind = KIND_WORDS.get(plan.kind, plan.kind)
    about = (f"{plan.municipality}の{kind}「{plan.title}」の成果・活動指標: 現状値・目標値、公表済みの実績値と"
             "その評価（達成率・進捗率・評価）。")
    if plan.fictional:
        about += "架空の市のデモ用データです。"
    dataset: dict[str, object] = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": plan.key,
        "dct:title": _ja(plan.title),
        "dct:description": _ja(about),
        "dct:publisher": _publisher(base, plan),
        "dct:spatial": {"@id": f"{base}{CATALOG_PATH}#area-{plan.municipality_code}", "@type": "dct:Location",
                        "dct:identifier": plan.municipality_code, "skos:prefLabel": _ja(plan.municipality)},
        "dct:modified": modified,
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/ja"},
        "dcat:landingPage": {"@id": page},
        "dcat:keyword": [_ja(kind), _ja("指標"), _ja("行政評価"), _ja(plan.municipality)],
    }
    if plan.period:
        dataset["dct:temporal"] = {"@type": "dct:PeriodOfTime", "dcat:startDate": _date(f"{plan.period[0]}-04-01"),
                                   "dcat:endDate": _date(f"{plan.period[1] + 1}-03-31")}
    dataset["dcat:distribution"] = [
        {"@id": f"{page}{d.path}", "@type": "dcat:Distribution", "dct:title": _ja(f"{plan.title} {d.title}"),
         "dcat:accessURL": {"@id": page}, "dcat:downloadURL": {"@id": f"{page}{d.path}"},
         "dcat:mediaType": {"@id": IANA + d.media_type}, "dct:format": d.format, "dct:modified": modified}
        for d in (*DISTRIBUTIONS, *(COMMENT_DISTRIBUTIONS if comments else ()))
    ]
    return dataset


def catalog(engine: Engine, base_url: str) -> dict[str, object]:
    """The catalogue of every plan, with URLs under ``base_url`` (the site's address, no trailing /)."""
    base = base_url.rstrip("/")
    with transaction(engine) as session:
        plans = public_lookup.catalog_plans(session)
        commented = set(comment_store.published_plan_ids(session, today_jst()))
    out: dict[str, object] = {
        "@context": CONTEXT,
        "@id": f"{base}{CATALOG_PATH}",
        "@type": "dcat:Catalog",
        "dct:title": _ja("総合計画の指標データ"),
        "dct:description": _ja("各自治体の総合計画・個別計画の指標（現状値・目標値・公表済みの実績値と評価）のデータ一覧です。"),
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/ja"},
        "foaf:homepage": {"@id": f"{base}/"},
    }
    municipalities = {p.municipality_code for p in plans}
    if len(municipalities) == 1:
        out["dct:publisher"] = _publisher(base, plans[0])
    if plans:
        out["dct:modified"] = _datetime(max(p.modified for p in plans))
    out["dcat:dataset"] = [_dataset(base, p, comments=p.id in commented) for p in plans]
    return out
