"""``python -m cablebase`` is the ``cablebase`` command."""

from cablebase.cli import main

main()
