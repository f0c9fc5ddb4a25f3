"""The routers of the web pages, in the order they are included (one module per user's area)."""

WEB_ROUTERS = ["auth", "home", "school", "grid", "planner", "hto", "region"]
