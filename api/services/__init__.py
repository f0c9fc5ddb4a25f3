"""What the routes call: typed functions over the store and the solver (routes stay thin)."""
