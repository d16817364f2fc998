"""Pages of the reporting app, one module per part (reports and the board; bulletin; meetings; dashboard)."""
