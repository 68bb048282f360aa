"""The Training lab tab: train a small MLP live and watch its gradients layer by layer."""
