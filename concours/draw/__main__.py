import sys

from concours.draw.cli import main

sys.exit(main())
