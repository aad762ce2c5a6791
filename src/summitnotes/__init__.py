"""summitnotes: a static site generator for research on interviews."""

__version__ = "0.1.0"
