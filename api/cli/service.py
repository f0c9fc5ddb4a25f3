"""`hybrooster serve` (the web service) and `hybrooster user add` / `hybrooster org add` (the first admin,
organisations and users, before anyone can log in)."""

from __future__ import annotations

import getpass
import os
import sys

from api.cli.printers import say
from api.commands import EXIT_ERROR, EXIT_OK

SWITCH_INTERVAL = 0.001  # seconds: the GIL switch interval of the server (see serve)

ROLES = ("roosteraar", "planner", "hto", "coordinator", "admin")


def add_parsers(sub) -> None:
    p = sub.add_parser("serve", help="start the web service (FastAPI): the API, its docs at /docs")
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1, this machine)")
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    p.add_argument("--demo", action="store_true",
                   help="load the demo school, employers and one user per role (see the README for the logins)")
    p.set_defaults(handler=serve)

    p = sub.add_parser("user", help="add users from the command line (the first admin, for one)")
    users = p.add_subparsers(dest="user_command", metavar="add", required=True)
    q = users.add_parser("add", help="add a user; the password is asked for (or read from HYBROOSTER_PASSWORD)")
    q.add_argument("username")
    q.add_argument("--role", required=True, choices=ROLES)
    q.add_argument("--org", default=None, metavar="CODE",
                   help="the organisation's code (School.id, Employer.id or the region's code); not for admin")
    q.add_argument("--staff", default=None, help="for an hto'er: their staff id at the employer")
    q.add_argument("--name", default="", help="the person's name")
    q.set_defaults(handler=user_add)

    p = sub.add_parser("org", help="add schools, employers and regions from the command line")
    orgs = p.add_subparsers(dest="org_command", metavar="add", required=True)
    q = orgs.add_parser("add", help="add an organisation")
    q.add_argument("kind", choices=("school", "employer", "region"))
    q.add_argument("code", help="its id inside plans (School.id or Employer.id), or the region's short name")
    q.add_argument("--name", default=None, help="its name (default: the code)")
    q.add_argument("--region", default=None, metavar="CODE", help="the region it belongs to")
    q.set_defaults(handler=org_add)


def _store():
    from api.settings import Settings
    from api.store.db import Store

    store = Store(Settings().database_url)
    store.migrate()
    return store


def serve(args, out, err) -> int:
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    settings = Settings()
    app = create_app(settings, demo=args.demo, freeze_heap=True)
    base = f"http://{args.host}:{args.port}"
    say(out, f"Hybrooster serves at {base}  (open it in a browser; API docs: {base}/docs)")
    say(out, f"store: {settings.database_url}")
    if args.demo:
        from api.demo import DEMO_PASSWORD, demo_logins

        say(out, f"demo logins (password for each: {DEMO_PASSWORD}):")
        for login in demo_logins():
            say(out, f"  {login.username:<18} {login.role:<12} {login.who}")
    # The web threads do short bursts of Python between store calls; with the default 5 ms GIL switch interval a
    # thread back from SQLite waits behind busy ones (measured at 50 clients: mark p95 72 -> 52 ms at 1 ms).
    sys.setswitchinterval(SWITCH_INTERVAL)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _password() -> str:
    given = os.environ.get("HYBROOSTER_PASSWORD")
    if given is not None:
        return given
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def _in_store(err, add) -> int:
    """Run `add(session)` in one transaction of the configured store: a wrong input (PeopleError) is said
    with its field, and nothing is kept."""
    from api.services.people import PeopleError

    store = _store()
    try:
        with store.session() as session:
            return add(session)
    except PeopleError as error:
        say(err, f"error: {error.field}: {error.message}")
        return EXIT_ERROR
    finally:
        store.dispose()


def _org_id(session, option: str, kind: str | None, code: str | None) -> str | None:
    """The id of the organisation `code` of `kind`; PeopleError naming the option when there is none."""
    from api.services.access import org_by_code
    from api.services.people import PeopleError

    if code is None:
        return None
    org = org_by_code(session, kind, code) if kind else None
    if org is None:
        raise PeopleError(option, f"no {kind or 'organisation'} with the code '{code}' (add it with "
                                  "`hybrooster org add`)")
    return org.id


def user_add(args, out, err) -> int:
    from api.services.people import add_user

    def add(session) -> int:
        kind = {"roosteraar": "school", "planner": "employer", "hto": "employer", "coordinator": "region"}.get(args.role)
        org_id = _org_id(session, "--org", kind, args.org)
        user = add_user(session, username=args.username, password=_password(), role=args.role, org_id=org_id,
                        name=args.name, staff=args.staff)
        say(out, f"added {user.role} '{user.username}'")
        return EXIT_OK

    return _in_store(err, add)


def org_add(args, out, err) -> int:
    from api.services.people import add_organisation

    def add(session) -> int:
        region_id = _org_id(session, "--region", "region", args.region)
        org = add_organisation(session, kind=args.kind, code=args.code, name=args.name or args.code,
                               region_id=region_id)
        say(out, f"added {org.kind} '{org.code}' (id {org.id})")
        return EXIT_OK

    return _in_store(err, add)
