"""`python -m factcheck.eval`: kept as an entry point; the tool is factcheck.dev.eval."""

import sys

from .dev.eval import main

if __name__ == "__main__":
    sys.exit(main())
