"""``python -m desktop`` and the bundled executable start here."""
from desktop.cli import main

if __name__ == "__main__":
    main()
