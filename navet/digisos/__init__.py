"""NAV's Digisos file formats: validation, parsing and reading of received søknad folders.

Pure Python (no Django), so an importer, an exporter and a command-line check can share it.
The JSON schemas are vendored unchanged in ``schemas/`` (MIT, see ``schemas/README.md``).
"""
