"""The package's version, in a module of its own so that any stage can print it
without importing the package (whose __init__ imports the whole pipeline)."""

__version__ = "0.1.0"
