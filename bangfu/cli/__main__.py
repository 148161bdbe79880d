import sys

from bangfu.cli.main import main

sys.exit(main())
