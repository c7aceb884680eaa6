"""Cross-article incidents: merging reports of one incident and tracking their claims.

>>> from sitroom.incidents import build_incidents, incident_to_dict
>>> incidents = build_incidents(records)            # output-format.md records, in arrival order
>>> [incident_to_dict(inc, f"I{i}") for i, inc in enumerate(incidents, 1)]

``match`` (the signals), ``cluster`` (incremental assignment), ``claims`` (figures
over time), ``lexical`` (TF-IDF of the articles). The store keeps incidents up to date
with the same ``Clusterer`` (sitroom.store.repository).
"""
from sitroom.incidents.build import build_incidents, incident_to_dict
from sitroom.incidents.match import MatchConfig

__all__ = ["MatchConfig", "build_incidents", "incident_to_dict"]
