import sys

from concours.interchange.cli import main

sys.exit(main())
