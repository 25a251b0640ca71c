"""Storage layer: SQLAlchemy models, engine factory, migrations and the repository."""
