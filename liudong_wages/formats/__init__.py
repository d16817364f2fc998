"""The project's own number and date formats, over Django's (FORMAT_MODULE_PATH in settings)."""
