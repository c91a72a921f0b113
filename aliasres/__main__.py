"""``python -m aliasres``: the command line (see :mod:`aliasres.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
