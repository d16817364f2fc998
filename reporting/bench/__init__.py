"""The benchmark tooling (README, Performance): `data` loads large, reproducible data (`seed_bench --scale N`),
`run` measures the main pages and jobs against it (`benchmark`). Nothing here runs in production."""
