"""Figures the course draws with matplotlib, one module per chapter topic. Every figure is drawn
from data measured in the current run (or from a structure, for diagrams): no number typed by hand.
Text in figures comes from the notebook's arguments or messages.py, ready to be translated."""
