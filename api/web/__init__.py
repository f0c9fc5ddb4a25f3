"""The web pages: server-rendered (Jinja2 + htmx), every asset served by the app itself, Dutch by default."""

from api.web.install import install

__all__ = ["install"]
