"""What several test modules share and must import (constants for parametrize, URL helpers);
fixtures stay in conftest.py files."""
