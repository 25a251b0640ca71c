"""Plan-document importer: read → normalise → segment → tables → values → build plan, as pure stages."""
