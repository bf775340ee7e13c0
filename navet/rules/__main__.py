"""``python -m navet.rules < request.json``: see navet/rules/cli.py and docs/rules.md."""

import sys

from navet.rules.cli import main

sys.exit(main())
