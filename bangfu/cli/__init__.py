"""The `bangfu` command line: one module per subcommand, registered in bangfu.cli.main."""
