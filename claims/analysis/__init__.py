"""Pure cross-outlet analysis on plain data and numpy: no Django imports."""
