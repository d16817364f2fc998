"""Excel in, one module per part: `registry` (enterprises and projects, their templates' columns) and
`monitoring` (the real-name roster, the monthly wage sheet and the bank's statement). Each checks every row,
reports each bad row in Chinese and saves nothing unless every row is good."""
