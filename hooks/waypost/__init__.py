"""Waypost: learning journeys on MkDocs.

The pipeline reads top to bottom: ``sources`` loads files with positions,
``schema`` and ``semantics`` validate them, ``model`` holds the result as
plain frozen data, ``render`` turns it into pages, and ``mkdocs_adapter``
wires those stages to MkDocs events. Only the adapter imports MkDocs.
"""

__version__ = "0.1.0"
