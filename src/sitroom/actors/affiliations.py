"""Affiliations between the actors of one article.

From the text:
- a patron before a hyphenated participle: "Iranian-backed Hamas", "the Iran-backed group",
  "Russian-backed separatists" (client backed_by patron), "Saudi-led coalition" (leader_of),
  "pro-Iranian militias" (affiliated_with);
- a participial phrase: "Tasnim news agency, affiliated with the Revolutionary Guard",
  "Hamas, which is backed by Iran";
- a proxy noun: "Hezbollah, which acts as Tehran's proxy", "a proxy of Iran";
- person titles (found by people.py) and "Hamas media" (found by compose.py).
From structure: a state's government, military and police are ``part_of`` the state when the
state is in the article.
From the dictionary: an entry's patrons and parents, and a known person's role, when the
other actor is in the article (every affiliation must point to an actor with a mention).
"""
from __future__ import annotations

from bisect import bisect_right

from sitroom.actors.compose import Composer
from sitroom.actors.registry import Registry
from sitroom.model.vocab import ActorKind, Relation

_PREPS = {"by", "with", "to"}
_STATE_PARTS = {ActorKind.GOVERNMENT, ActorKind.MILITARY, ActorKind.POLICE}


def link_affiliations(doc, reg: Registry, composer: Composer) -> None:
    mentions = sorted(reg.mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    d = composer.d

    def mention_at(i: int, skip_key=None):
        """The innermost mention covering token ``i`` (other than ``skip_key``)."""
        best = None
        for k in range(bisect_right(starts, i) - 1, -1, -1):
            m = mentions[k]
            if m.start <= i < m.end and m.key != skip_key and (best is None or m.end - m.start < best.end - best.start):
                best = m
            if m.start < i - 15:
                break
        return best

    def first_after(i: int, limit: int, skip_key=None):
        sent_end = doc[min(i, len(doc) - 1)].sent.end
        for k in range(bisect_right(starts, i - 1), len(mentions)):
            m = mentions[k]
            if m.start > i + limit or m.start >= sent_end:
                return None
            if m.key != skip_key:
                return m
        return None

    for m in mentions:
        patron = reg.cands[m.key]
        rel = composer.patron_at(doc, m.end)
        if rel is not None:  # "Iranian-backed Hamas", "the Iran-backed group"
            p = m.end + 1
            client = mention_at(p, m.key) or first_after(p + 1, 6, m.key)
            if client is not None:
                _add(reg, reg.cands[client.key], rel, patron)
        elif composer.prefix(doc, m.start) == "pro":  # "pro-Iranian militias"
            client = first_after(m.end, 4, m.key)
            if client is not None:
                _add(reg, reg.cands[client.key], Relation.AFFILIATED_WITH, patron)

    for tok in doc:
        low = tok.lower_
        if low in d.patronage and tok.tag_ == "VBN" and tok.i > 0 and doc[tok.i - 1].text != "-":
            prep = next((doc[k] for k in range(tok.i + 1, min(len(doc), tok.i + 3)) if doc[k].lower_ in _PREPS), None)
            if prep is None:
                continue
            patron = first_after(prep.i + 1, 3)
            if patron is None:
                continue
            client = _participle_client(doc, tok, patron.key, mention_at, mentions, starts)
            if client is not None:
                _add(reg, reg.cands[client.key], d.patronage[low], reg.cands[patron.key])
        elif low in d.proxy_nouns and tok.pos_ == "NOUN":
            patron = _proxy_patron(doc, tok, mention_at, first_after)
            if patron is None:
                continue
            head, client = tok, None
            for _ in range(4):
                if head.head == head:
                    break
                head = head.head
                client = mention_at(head.i, patron.key)
                if client is not None:
                    break
            if client is not None:
                _add(reg, reg.cands[client.key], d.proxy_nouns[low], reg.cands[patron.key])

    for cand in list(reg.cands.values()):
        if cand.key[0] == "sector" and cand.kind in _STATE_PARTS and cand.country:
            state = reg.cands.get(("state", cand.country))
            if state is not None:
                reg.link(cand, Relation.PART_OF, state)
        for rel, target_id in cand.dict_links:
            iso, _, sector = target_id.partition("/")  # "ISR/military": a title's sector
            if sector:
                kind = ActorKind.MILITARY if sector == "military" else ActorKind.POLICE
                role = "MIL" if sector == "military" else "COP"
                target = reg.cands.get(("sector", iso, kind.value, role)) or reg.cands.get(("state", iso))
            elif iso in d.states:
                target = reg.country_actor(iso, rel)
            else:
                target = reg.cands.get(("entry", target_id))
            if target is not None:
                reg.link(cand, rel, target)


def _add(reg: Registry, client, rel: Relation, patron) -> None:
    if rel is Relation.LEADER_OF:  # "Saudi-led coalition": the patron leads the client
        reg.link(patron, rel, client)
    else:
        reg.link(client, rel, patron)


def _participle_client(doc, tok, skip_key, mention_at, mentions, starts):
    """Who "backed by"/"affiliated with" describes: the passive subject ("the ship was linked to
    Israel": the ship, not an actor), the noun the participle modifies ("a militia backed by
    Iran", "Hamas, which is backed by Iran"), or, for a participle set off by commas, the
    nearest actor before it ("Tasnim news agency in Iran, affiliated with the IRGC, ...")."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.lower_ not in ("which", "that", "who"):
        return mention_at(subj.i, skip_key)
    if tok.dep_ in ("acl", "amod", "relcl") and tok.head.i < tok.i:
        return mention_at(tok.head.i, skip_key)
    if tok.i > 0 and doc[tok.i - 1].text == ",":
        return _nearest_before(mentions, starts, tok.i, skip_key, doc)
    return None


def _nearest_before(mentions, starts, i: int, skip_key, doc):
    sent_start = doc[i].sent.start
    for k in range(bisect_right(starts, i - 1) - 1, -1, -1):
        m = mentions[k]
        if m.start < sent_start or m.start < i - 12:
            return None
        if m.end <= i and m.key != skip_key:
            return m
    return None


def _proxy_patron(doc, tok, mention_at, first_after):
    """"Tehran's proxies" (possessor before the noun) or "a proxy of Iran"."""
    k = tok.i - 1
    while k >= 0 and doc[k].pos_ == "ADJ":
        k -= 1
    if k >= 1 and doc[k].tag_ == "POS":
        m = mention_at(k - 1)
        if m is not None and m.end == k:
            return m
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("of", "for"):
        m = first_after(tok.i + 2, 1)
        if m is not None and m.start <= tok.i + 3:
            return m
    return None
