import sys

from concours.hashchain.cli import main

sys.exit(main())
