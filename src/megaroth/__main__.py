"""``python -m megaroth``."""

import sys

from megaroth.cli import main

sys.exit(main())
