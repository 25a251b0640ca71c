"""Typed schema of the data catalogue (``/api/v1/catalog``, ``/catalog.jsonld``): DCAT in JSON-LD,
as keikaku.services.opendata_catalog builds it. What the OpenAPI document describes; the keys are
the JSON-LD terms (``@id``, ``dct:title`` …), each field named in Python by its meaning."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _JsonLd(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class LangTextOut(_JsonLd):
    language: Literal["ja"] = Field(alias="@language", description="The language tag: ja (every text is Japanese)")
    value: str = Field(alias="@value", description="The text itself")


class LinkOut(_JsonLd):
    id: str = Field(alias="@id", description="An absolute URL")


class DateTimeOut(_JsonLd):
    type: Literal["xsd:dateTime"] = Field(alias="@type", description="xsd:dateTime")
    value: str = Field(alias="@value", description="ISO 8601 in UTC to the second (2026-05-01T09:00:00+00:00)")


class DateOut(_JsonLd):
    type: Literal["xsd:date"] = Field(alias="@type", description="xsd:date")
    value: str = Field(alias="@value", description="A day, YYYY-MM-DD")


class PublisherOut(_JsonLd):
    id: str = Field(
        alias="@id", description="The publisher's IRI: the catalogue's URL with #publisher-{municipality code}")
    type: Literal["foaf:Organization"] = Field(alias="@type", description="foaf:Organization")
    name: LangTextOut = Field(alias="foaf:name", description="The municipality's name (市区町村名)")
    identifier: str = Field(alias="dct:identifier", description="The municipality code (全国地方公共団体コード), six digits")


class LocationOut(_JsonLd):
    id: str = Field(alias="@id", description="The area's IRI: the catalogue's URL with #area-{municipality code}")
    type: Literal["dct:Location"] = Field(alias="@type", description="dct:Location")
    identifier: str = Field(alias="dct:identifier", description="The municipality code of the area the plan covers")
    label: LangTextOut = Field(alias="skos:prefLabel", description="The municipality's name")


class PeriodOut(_JsonLd):
    type: Literal["dct:PeriodOfTime"] = Field(alias="@type", description="dct:PeriodOfTime")
    start: DateOut = Field(alias="dcat:startDate", description="1 April of the plan's first fiscal year")
    end: DateOut = Field(alias="dcat:endDate", description="31 March after the plan's last fiscal year")


class DistributionOut(_JsonLd):
    id: str = Field(alias="@id", description="The download's URL")
    type: Literal["dcat:Distribution"] = Field(alias="@type", description="dcat:Distribution")
    title: LangTextOut = Field(alias="dct:title", description="The plan's title and what the file holds")
    access_url: LinkOut = Field(alias="dcat:accessURL", description="The plan's page")
    download_url: LinkOut = Field(
        alias="dcat:downloadURL", description="The file's URL (CSV, Excel, PDF, plan JSON or Open SDG zip)")
    media_type: LinkOut = Field(alias="dcat:mediaType", description="The file's IANA media type, as its registry URL")
    format: str = Field(alias="dct:format", description="A format word: CSV, XLSX, PDF, JSON or ZIP")
    modified: DateTimeOut = Field(alias="dct:modified", description="When the plan last changed")


class DatasetOut(_JsonLd):
    id: str = Field(alias="@id", description="The plan's page, which is the dataset's landing page")
    type: Literal["dcat:Dataset"] = Field(alias="@type", description="dcat:Dataset")
    identifier: str = Field(alias="dct:identifier", description="The plan's key (990019:comprehensive-2)")
    title: LangTextOut = Field(alias="dct:title", description="The plan's title")
    description: LangTextOut = Field(
        alias="dct:description", description="What the dataset holds: the plan's indicators (指標) with baseline and "
                                             "target (現状値・目標値), published actuals and their assessment")
    publisher: PublisherOut = Field(alias="dct:publisher", description="The municipality that publishes the plan")
    spatial: LocationOut = Field(alias="dct:spatial", description="The area the plan covers: its municipality")
    modified: DateTimeOut = Field(alias="dct:modified", description="When the plan last changed")
    language: LinkOut = Field(alias="dct:language", description="Japanese, as the ISO 639-1 vocabulary's IRI")
    landing_page: LinkOut = Field(alias="dcat:landingPage", description="The plan's page")
    keywords: list[LangTextOut] = Field(
        alias="dcat:keyword", description="The plan's kind (総合計画 …), 指標, 行政評価 and the municipality's name")
    temporal: PeriodOut | None = Field(
        None, alias="dct:temporal", description="The plan's period in fiscal years; left out unless the plan gives its "
                                                "first and last year")
    distributions: list[DistributionOut] = Field(
        alias="dcat:distribution", description="Every download of the plan page, one per format")


class CatalogOut(_JsonLd):
    context: dict[str, str] = Field(
        alias="@context", description="The JSON-LD prefixes (dcat, dct, foaf, skos, xsd) and their namespace IRIs")
    id: str = Field(alias="@id", description="The catalogue's own URL (/catalog.jsonld on the site's address)")
    type: Literal["dcat:Catalog"] = Field(alias="@type", description="dcat:Catalog")
    title: LangTextOut = Field(alias="dct:title", description="The catalogue's title")
    description: LangTextOut = Field(alias="dct:description", description="What the catalogue lists")
    language: LinkOut = Field(alias="dct:language", description="Japanese, as the ISO 639-1 vocabulary's IRI")
    homepage: LinkOut = Field(alias="foaf:homepage", description="The site's top page")
    publisher: PublisherOut | None = Field(
        None, alias="dct:publisher", description="The municipality, when every plan is one municipality's; left out "
                                                 "otherwise")
    modified: DateTimeOut | None = Field(
        None, alias="dct:modified", description="When a plan last changed (the latest); left out when there is no plan")
    datasets: list[DatasetOut] = Field(
        alias="dcat:dataset", description="One dataset per plan, by municipality code, period and id")
