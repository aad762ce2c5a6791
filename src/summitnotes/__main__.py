from summitnotes.cli import main

main()
