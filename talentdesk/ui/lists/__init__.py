"""Smart lists in the window: the filter builder, the lists in the pool pane, their commands."""
