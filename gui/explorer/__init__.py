"""The Activation explorer tab: views in one file each, wiring in explorer_controller."""
