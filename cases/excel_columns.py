from collections.abc import Iterable


def labels(choices: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    """Choices with their lazy labels made plain text: openpyxl writes only real strings."""
    return [(value, str(label)) for value, label in choices]
