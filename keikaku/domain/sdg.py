"""The 17 Sustainable Development Goals: official short Japanese names and colours."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SdgGoal:
    number: int
    name_ja: str
    name_en: str
    colour: str


SDG_GOALS: tuple[SdgGoal, ...] = (
    SdgGoal(1, "貧困をなくそう", "No poverty", "#E5243B"),
    SdgGoal(2, "飢餓をゼロに", "Zero hunger", "#DDA63A"),
    SdgGoal(3, "すべての人に健康と福祉を", "Good health and well-being", "#4C9F38"),
    SdgGoal(4, "質の高い教育をみんなに", "Quality education", "#C5192D"),
    SdgGoal(5, "ジェンダー平等を実現しよう", "Gender equality", "#FF3A21"),
    SdgGoal(6, "安全な水とトイレを世界中に", "Clean water and sanitation", "#26BDE2"),
    SdgGoal(7, "エネルギーをみんなに そしてクリーンに", "Affordable and clean energy", "#FCC30B"),
    SdgGoal(8, "働きがいも経済成長も", "Decent work and economic growth", "#A21942"),
    SdgGoal(9, "産業と技術革新の基盤をつくろう", "Industry, innovation and infrastructure", "#FD6925"),
    SdgGoal(10, "人や国の不平等をなくそう", "Reduced inequalities", "#DD1367"),
    SdgGoal(11, "住み続けられるまちづくりを", "Sustainable cities and communities", "#FD9D24"),
    SdgGoal(12, "つくる責任 つかう責任", "Responsible consumption and production", "#BF8B2E"),
    SdgGoal(13, "気候変動に具体的な対策を", "Climate action", "#3F7E44"),
    SdgGoal(14, "海の豊かさを守ろう", "Life below water", "#0A97D9"),
    SdgGoal(15, "陸の豊かさも守ろう", "Life on land", "#56C02B"),
    SdgGoal(16, "平和と公正をすべての人に", "Peace, justice and strong institutions", "#00689D"),
    SdgGoal(17, "パートナーシップで目標を達成しよう", "Partnerships for the goals", "#19486A"),
)

SDG_BY_NUMBER = {g.number: g for g in SDG_GOALS}
