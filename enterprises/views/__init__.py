"""Pages of the registry, one module per list (STYLE.md: a package once views pass ~400 lines)."""
