"""The front doors: the Qt application and the command line."""
