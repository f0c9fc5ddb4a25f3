"""`python -m api.cli`: the same as the `hybrooster` command."""

import sys

from api.cli import main

sys.exit(main())
