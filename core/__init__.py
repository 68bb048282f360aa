"""Activation Lab's compute layer: numpy and torch only, never Qt.

The GUI, the command line and the tests all read the same code from here.
"""

__version__ = "0.1.0"
