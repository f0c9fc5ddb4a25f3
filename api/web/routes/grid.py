"""The grid pages (being built)."""

from fastapi import APIRouter

router = APIRouter(prefix="/app", include_in_schema=False)
