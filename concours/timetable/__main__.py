import sys

from concours.timetable.cli import main

sys.exit(main())
