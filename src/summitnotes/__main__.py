from summitnotes.cli import entry

entry()
