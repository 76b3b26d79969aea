# Imported by import_module_lines.py while tracing.
SENTINEL = object()


def build():
    return object()
