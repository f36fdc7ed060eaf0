"""`python -m factcheck.bench`: kept as an entry point; the tool is factcheck.dev.bench."""

import sys

from .dev.bench import main

if __name__ == "__main__":
    sys.exit(main())
