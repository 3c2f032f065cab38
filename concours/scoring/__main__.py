import sys

from concours.scoring.cli import main

sys.exit(main())
