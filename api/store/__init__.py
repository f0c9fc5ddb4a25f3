"""The service's store: SQLAlchemy models (models), the engine and sessions (db), Alembic migrations."""
