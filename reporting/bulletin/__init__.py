"""What the quarterly bulletin prints, apart from its lifecycle (`reporting.services.bulletin`): its tables
(`tables`, one description for both files) and their renderers, the PDF (`pdf`), the Excel annex (`excel`) and
the SVG charts (`charts`, which the dashboard shows too)."""
