"""Settings: one validated object built by ``get_settings()`` from KEIKAKU_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "keikaku"


class Settings(BaseSettings):
    """Where keikaku keeps its data and in which language it speaks.

    - ``KEIKAKU_DATABASE_URL``: an SQLAlchemy URL; ``postgresql+psycopg://user:pw@host/db`` for a
      shared server. Default: SQLite file ``keikaku.sqlite3`` in the data directory.
    - ``KEIKAKU_DATA_DIR``: the data directory (default ``$XDG_DATA_HOME/keikaku``).
    - ``KEIKAKU_LANG``: ``ja`` (default) or ``en`` for messages.
    - ``KEIKAKU_CACHE_BYTES``: the most memory each of the site's caches (rendered pages, plans
      read and assessed) may hold, in bytes (default 64 MiB; 0 keeps nothing).
    - ``KEIKAKU_TRUSTED_PROXIES``: comma-separated addresses of the reverse proxies in front of
      the site; only from them is ``X-Forwarded-For`` believed (sign-in throttling per client).
    - ``KEIKAKU_SMTP_HOST``, ``_PORT`` (587), ``_USERNAME``, ``_PASSWORD``, ``_STARTTLS`` (true),
      ``_FROM``: the mail server reminders are sent through (``keikaku remind``).
    - ``KEIKAKU_SITE_URL``: the site's address as staff reach it, for links in mails (and the static
      site's link to the live opinion form).
    - ``KEIKAKU_REMINDER_DAYS``: reminders start this many days before a cycle's deadline (14).
    - ``KEIKAKU_COMMENT_LIMIT``, ``KEIKAKU_COMMENT_WINDOW_SECONDS``: how many opinions on a draft one
      address may send in how many seconds (5 in 600).
    """

    model_config = SettingsConfigDict(env_prefix="KEIKAKU_", extra="ignore")

    database_url: str | None = None
    data_dir: Path = _default_data_dir()
    lang: str = "ja"
    cache_bytes: int = 64 * 1024 * 1024
    trusted_proxies: str = ""
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = True
    smtp_from: str = ""
    site_url: str = ""
    reminder_days: int = 14
    comment_limit: int = 5  # opinions one address may send per window (keikaku.services.comment_limits)
    comment_window_seconds: int = 600

    def trusted_proxy_set(self) -> frozenset[str]:
        return frozenset(a.strip() for a in self.trusted_proxies.split(",") if a.strip())

    @field_validator("database_url")
    @classmethod
    def _known_backend(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        if not (v.startswith("sqlite") or v.startswith("postgresql")):
            raise ValueError("KEIKAKU_DATABASE_URL must be an sqlite:// or postgresql+psycopg:// URL")
        if v.startswith("postgresql://") or v.startswith("postgres://"):
            raise ValueError("use the psycopg 3 driver: postgresql+psycopg://…")
        return v

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str) -> str:
        if v not in ("ja", "en"):
            raise ValueError("KEIKAKU_LANG must be ja or en")
        return v

    @field_validator("site_url")
    @classmethod
    def _site_url(cls, v: str) -> str:
        v = v.strip().rstrip("/")
        if v and not (v.startswith("https://") or v.startswith("http://")):
            raise ValueError("KEIKAKU_SITE_URL must start with https:// or http://")
        return v

    @field_validator("reminder_days")
    @classmethod
    def _reminder_days(cls, v: int) -> int:
        if not 0 <= v <= 366:
            raise ValueError("KEIKAKU_REMINDER_DAYS must be between 0 and 366")
        return v

    @field_validator("comment_limit", "comment_window_seconds")
    @classmethod
    def _comment_limit(cls, v: int) -> int:
        if not 1 <= v <= 1_000_000:
            raise ValueError("KEIKAKU_COMMENT_LIMIT and KEIKAKU_COMMENT_WINDOW_SECONDS must be between 1 and 1000000")
        return v

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'keikaku.sqlite3'}"


def get_settings() -> Settings:
    """Build settings afresh from the environment (tests set their own variables)."""
    return Settings()
