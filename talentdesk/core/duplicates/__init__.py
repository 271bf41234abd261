"""Finding people entered twice, and merging them."""
