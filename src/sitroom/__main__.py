from sitroom.cli import cli

cli()
