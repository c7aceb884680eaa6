"""Casualty and count figures: number parsing, qualifiers, kinds and subjects (the ``figures`` stage).

``find_figures(doc, text, lexicon)`` is the entry point the stage uses; the lexicon is the data
file ``sitroom/data/figures/lexicon.json`` plus any user files (see docs/data-files.md).
"""
from sitroom.figures.finder import FoundFigure, find_figures
from sitroom.figures.lexicon import Lexicon, load_lexicon

__all__ = ["FoundFigure", "Lexicon", "find_figures", "load_lexicon"]
