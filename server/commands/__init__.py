"""One module per `triage` subcommand."""
