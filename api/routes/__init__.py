"""One module per resource; each has a `router`. ROUTERS is the order they appear in /docs."""

ROUTERS = ("auth", "organisations", "plans", "marks", "audit", "templates", "jobs", "timetables", "exports",
           "checks", "calendar")
