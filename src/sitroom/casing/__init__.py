"""Case restoration for text written in capitals (older wire and monitoring copy).

>>> restorer = resources.get("casing", load_restorer)
>>> restorer.restore("SAN SALVADOR, 3 JAN 90 -- [TEXT] FMLN GUERRILLAS ATTACKED ...")
'San Salvador, 3 Jan 90 -- [Text] FMLN guerrillas attacked ...'

The restored copy has the same length as the original, so the nlp stage parses it while every
span still points into the original text.
"""
from sitroom.casing.data import CasingData, load_casing_data
from sitroom.casing.detect import Thresholds, caps_stretches
from sitroom.casing.restore import Restorer
from sitroom.casing.sources import Names, load_restorer

__all__ = ["CasingData", "Names", "Restorer", "Thresholds", "caps_stretches", "load_casing_data", "load_restorer"]
