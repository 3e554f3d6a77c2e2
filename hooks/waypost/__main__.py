from waypost.cli import entry

entry()
