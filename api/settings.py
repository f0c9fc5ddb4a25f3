"""The service's settings: one pydantic-settings class, read from HYBROOSTER_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the service can be told. Each field is read from HYBROOSTER_<NAME> (upper case)."""

    model_config = SettingsConfigDict(env_prefix="HYBROOSTER_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///hybrooster.db",
        description="Any SQLAlchemy URL; the default is a SQLite file (WAL mode) in the working directory. "
                    "PostgreSQL: postgresql+psycopg://user:password@host/db.")
    secret_key: str | None = Field(
        default=None, description="Signs the bearer tokens. Unset: a random key is made once and kept in the store.")
    token_minutes: int = Field(default=30, ge=1, le=24 * 60, description="How long a bearer token is valid.")
    solve_workers: int = Field(default=1, ge=1, le=64, description="Worker processes that solve jobs.")
    job_queue_max: int = Field(default=50, ge=1, description="Jobs waiting at most; more are refused (429).")
    job_time_limit: float = Field(default=60.0, gt=0, le=3600, description="Seconds a solve job may search at most.")
    solver_threads: int = Field(default=1, ge=1, le=64, description="CP-SAT search workers per solve job.")
    solve_niceness: int = Field(
        default=10, ge=0, le=19,
        description="How far a solve, re-plan or batch steps back for the web server (Unix nice; a what-if, "
                    "which someone waits for, never does). At 10 a busy machine's other programs can starve a "
                    "solve; 0 on a machine that only runs this service.")
    dask_scheduler: str | None = Field(
        default=None, description="A Dask scheduler address for regional batches; unset: a local cluster.")
    data_dir: Path = Field(default=Path("hybrooster-data"),
                           description="Where batch reports are written (each job its own folder).")
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, description="Largest file upload.")
    max_body_bytes: int = Field(default=12 * 1024 * 1024, ge=1024, description="Largest request body.")
    max_json_depth: int = Field(default=32, ge=4, description="Deepest nesting of a JSON request body.")
    login_attempts_per_minute: int = Field(default=10, ge=1, description="Failed logins per user name and "
                                                                         "client address per minute.")
    session_hours: int = Field(default=8, ge=1, le=24 * 14,
                               description="How long a login of the web pages lasts (logging out ends it at once).")
    public_url: str = Field(default="http://127.0.0.1:8000",
                            description="The address users reach the service at, for calendar subscription links.")


@lru_cache
def get_settings() -> Settings:
    return Settings()
