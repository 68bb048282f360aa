"""Activation Lab's Qt user interface: views that lay out, controllers that wire to core."""
