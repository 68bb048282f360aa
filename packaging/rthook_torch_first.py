"""PyInstaller runtime hook: import torch before anything loads Qt.

Custom runtime hooks run before PyInstaller's own, and its PySide6 hook imports
PySide6.QtCore (to embed a qt.conf). On Windows, torch >= 2.9 fails to load its DLLs once
Qt's are in the process, so torch is imported here first, as main.py does in a checkout.
"""

import warnings

with warnings.catch_warnings():
    # torch reads the source of its @torch.jit._overload functions to check them for
    # TorchScript; the bundle keeps only the sources torch needs to import
    # (packaging/bundle_rules.py), and the app does not script anything.
    warnings.filterwarnings("ignore", message="Unable to retrieve source for @torch.jit._overload")
    import torch  # noqa: F401
