"""The shapes of requests and answers that are the service's own (plans and timetables use the solver's
models). Every request model carries an example, shown in /docs."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["roosteraar", "planner", "hto", "coordinator", "admin"]
OrgKind = Literal["school", "employer", "region"]


def example(**values) -> ConfigDict:
    return ConfigDict(extra="forbid", json_schema_extra={"examples": [values]})


def body_example(media: str, value: object) -> dict:
    """openapi_extra that shows an example body in /docs where the body is a file upload or optional
    (its schema is then not one of our models, so the model's own example does not show)."""
    return {"requestBody": {"content": {media: {"example": value}}}}


UPLOAD_EXAMPLE = body_example("multipart/form-data", {"file": "(the file: plan.xlsx, plan.json, a .zip or a .fet)",
                                                      "note": "rooster periode 2"})


class LoginForm(BaseModel):
    """The OAuth2 password flow's form (application/x-www-form-urlencoded)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"username": "roosteraar", "password": "hybrooster-demo"}]})
    username: str = Field(min_length=1, max_length=100, description="The name you log in with.")
    password: str = Field(min_length=1, max_length=200, description="Your password.")
    grant_type: str | None = Field(default=None, pattern="^password$", description="'password' (OAuth2), or left out.")
    scope: str = Field(default="", description="Not used; accepted for OAuth2 clients.")


class TokenOut(BaseModel):
    access_token: str = Field(description="The bearer token: send it as 'Authorization: Bearer <token>'.")
    token_type: Literal["bearer"] = Field(default="bearer", description="Always 'bearer'.")
    expires_at: datetime = Field(description="When the token stops working (UTC); log in again after it.")


class OrgOut(BaseModel):
    id: str = Field(description="The organisation's id in this service (a UUID).")
    kind: OrgKind = Field(description="school, employer or region.")
    code: str = Field(description="Its id inside plans: the School.id or Employer.id; a region's short name.")
    name: str = Field(description="Its name, for people.")
    region_id: str | None = Field(default=None, description="The region it belongs to, if any.")


class MeOut(BaseModel):
    id: str = Field(description="Your user id.")
    username: str = Field(description="The name you log in with.")
    name: str = Field(description="Your name, for people.")
    role: Role = Field(description="What you may do: roosteraar, planner, hto, coordinator or admin.")
    organisation: OrgOut | None = Field(default=None, description="Your school, employer or region; none for admin.")
    staff: str | None = Field(default=None, description="For an hto'er: your staff id at your employer.")


class OrgIn(BaseModel):
    model_config = example(kind="school", code="roc-twente-hengelo", name="ROC van Twente, Hengelo",
                           region_id=None)
    kind: OrgKind = Field(description="school, employer or region.")
    code: str = Field(min_length=1, max_length=200, pattern=r"^[^\s]+$",
                      description="Its id inside plans (School.id or Employer.id), without spaces.")
    name: str = Field(min_length=1, max_length=200, description="Its name, for people.")
    region_id: str | None = Field(default=None, description="The region it belongs to (a region's id), if any.")


class UserIn(BaseModel):
    model_config = example(username="j.devries", name="Jan de Vries", password="een-lang-wachtwoord",
                           role="roosteraar", org_id="00000000-0000-4000-8000-000000000000", staff=None)
    username: str = Field(min_length=2, max_length=100, pattern=r"^[A-Za-z0-9._@-]+$",
                          description="The name to log in with: letters, digits, . _ @ -.")
    name: str = Field(default="", max_length=200, description="The person's name, for people.")
    password: str = Field(min_length=8, max_length=200, description="At least 8 characters.")
    role: Role = Field(description="roosteraar, planner, hto, coordinator or admin.")
    org_id: str | None = Field(default=None, description="Their organisation; none only for admin.")
    staff: str | None = Field(default=None, max_length=200,
                              description="For an hto'er: their staff id at the employer (org_id).")


class UserOut(BaseModel):
    id: str = Field(description="The user's id (a UUID).")
    username: str = Field(description="The name they log in with.")
    name: str = Field(description="Their name.")
    role: Role = Field(description="Their role.")
    org_id: str | None = Field(default=None, description="Their organisation.")
    staff: str | None = Field(default=None, description="For an hto'er: their staff id.")


class ApiKeyIn(BaseModel):
    model_config = example(name="batch client regio Twente", days=90)
    name: str = Field(default="", max_length=200, description="What the key is for, for your own list.")
    days: int | None = Field(default=90, ge=1, le=3650, description="Days until it expires; null: never.")


class ApiKeyOut(BaseModel):
    id: str = Field(description="The key's id, to revoke it.")
    name: str = Field(description="What the key is for.")
    prefix: str = Field(description="The key's first characters after 'hyb_', to recognise it.")
    created_at: datetime = Field(description="When it was made.")
    expires_at: datetime | None = Field(default=None, description="When it stops working; null: never.")
    revoked_at: datetime | None = Field(default=None, description="When it was revoked; null: still valid.")
    key: str | None = Field(default=None, description="The key itself: shown once, when it is made. "
                                                      "Send it as the header 'X-API-Key'.")
