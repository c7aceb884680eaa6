"""Reported speech found on the dependency parse: a cue, its speaker and its content.

One pass over the tokens finds the cues of the lexicon (verbs by lemma, "according
to", nouns with a that-clause); for each, the content is read off the parse:

- ``X said (that) Y`` / ``Y, X said`` / ``"Y," said X``: the clausal complement of the cue;
- ``X vowed to Y`` / ``X urged Z to Y``: the open complement (with its object);
- ``X denied Y`` / ``X called for Y``: the object, for the cues that take one;
- ``according to X, Y``: the clause the phrase modifies, minus the phrase;
- ``Y, a source said, but ...``: a cue hanging off the clause it reports (a parse
  that attaches the cue under the content rather than the content under the cue).

The speaker is the cue's subject (the agent of a passive, the antecedent of a relative
pronoun); a participle without a subject ("..., saying Y", "a statement saying Y")
borrows the subject of the verb it depends on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.strings import get_string_id

from sitroom.model import Certainty
from sitroom.quotes.cues import CueLexicon
from sitroom.quotes.docindex import DocIndex

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_RELATIVE = {"who", "which", "that", "whom"}
#: cue verbs whose open complement is not reported content ("continued to fight", "hopes to win":
#: an intention, not a statement; "hopes that the talks succeed" still counts)
_NO_XCOMP = {"continue", "add", "say", "state", "write", "report", "note", "find", "show", "know", "learn", "feel",
             "hope", "expect", "fear", "agree", "figure"}
#: cue verbs whose direct object is the reported content ("denied the charges")
_OBJECT_CONTENT = {
    "deny", "reject", "dismiss", "refute", "dispute", "confirm", "announce", "claim", "allege", "propose",
    "demand", "predict", "reveal", "disclose", "acknowledge", "admit", "estimate", "suggest", "recommend",
    "show", "cite", "describe", "question", "promise", "pledge", "vow", "threaten", "warn", "fear", "call",
    "boast", "defend", "blame", "accuse",
}
#: cues that report evidence rather than speech: only with a subject of their own ("the video
#: shows ..."), never as a bare participle ("footage apparently showing a tank" is the article's)
_EVIDENCE = {"show", "find", "indicate", "reveal", "suggest", "signal", "confirm"}
_PUNCT_TRIM = " \t\r\n,;:—–-"
#: a line "Speaker: what they said" (headlines, transcripts): 1-4 capitalised words, a colon, a text
_LABEL_LINE = re.compile(r"(?m)^[ \t]*([A-Z][\w.’'&-]*(?:[ \t]+[A-Z][\w.’'&-]*){0,3}):[ \t]+(\S[^\n]{8,})$")


@dataclass(frozen=True, slots=True)
class Report:
    """A cue with its content and (when found) speaker, as character offsets. ``content``
    is None for a bare cue ("he said" after a quote), which the assembler may pair with a
    quote next to it."""

    cue: tuple[int, int]
    cue_token: int
    content: tuple[int, int] | None
    certainty: Certainty
    speaker: tuple[int, int] | None = None
    speaker_token: int | None = None
    how: str = "ccomp"
    #: the content without the attribution inside it ("Y1, the minister said, Y2")
    fragments: tuple[tuple[int, int], ...] = ()


def char_range(doc, first: int, last: int) -> tuple[int, int]:
    """Character offsets of tokens ``first..last`` (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last])


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip surrounding spaces and clause punctuation; drop an unbalanced quote mark at an end."""
    while True:
        s0, e0 = start, end
        while start < end and text[start] in _PUNCT_TRIM:
            start += 1
        while end > start and text[end - 1] in _PUNCT_TRIM + ".":
            end -= 1
        inner = text[start:end]
        if not inner:
            return start, end
        if inner[0] in "“\"‘'" and not any(c in inner[1:] for c in "”\"’'"):
            start += 1
        if inner[-1] in "”\"’" and not any(c in inner[:-1] for c in "“\"‘"):
            end -= 1
        if (start, end) == (s0, e0):
            return start, end


def speaker_range(tok) -> tuple[int, int]:
    """Token range of a speaker phrase: the subtree, cut before a relative or participial
    clause set off by a comma ("Hamas, which rules Gaza," -> "Hamas")."""
    first, last = tok.left_edge.i, tok.right_edge.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl") and child.left_edge.i > 0:
            before = child.doc[child.left_edge.i - 1]
            if before.text == ",":
                last = min(last, before.i - 1)
    while last > first and tok.doc[last].is_punct:
        last -= 1
    return first, max(last, tok.i)


def _expletive(tok) -> bool:
    """'there', and 'it' in 'it was reported that ...' / 'it is believed that ...'."""
    return tok.dep_ == "expl" or tok.lower_ == "there" or (tok.lower_ == "it" and tok.dep_ == "nsubjpass")


def find_subject(verb, depth: int = 0):
    """The speaker token of a cue verb, or None."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and not _expletive(c)]
    if subjects:
        # "which he says ...": the pronoun, not the relative, is the speaker
        own = [c for c in subjects if c.lower_ not in _RELATIVE]
        if own:
            return own[0]
        return verb.head if verb.dep_ == "relcl" else subjects[0]
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if depth >= 3:
        return None
    head = verb.head
    if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "ccomp") and head is not verb and head.pos_ in ("VERB", "AUX"):
        return find_subject(head, depth + 1)
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "a statement saying ...": the issuer of the statement, else the noun itself
        for child in head.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if head.dep_ in ("dobj", "pobj") and head.head.pos_ in ("VERB", "AUX"):
            return find_subject(head.head if head.dep_ == "dobj" else head.head.head, depth + 1)
        return head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        return find_subject(head.head, depth + 1)
    return None


def _clause_content(cue, lexicon_lemma: str):
    """(first, last, how) token range of a verb cue's content, or None."""
    doc = cue.doc
    ccomps = [c for c in cue.children if c.dep_ == "ccomp"]
    # with a complement on each side ("...: He said he raised $100,000"), the one after the cue
    ccomp = next((c for c in ccomps if c.i > cue.i), None) if len(ccomps) > 1 else (ccomps[0] if ccomps else None)
    if ccomp is not None:
        return ccomp.left_edge.i, ccomp.right_edge.i, "ccomp"
    if lexicon_lemma not in _NO_XCOMP:
        xcomp = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i), None)
        if xcomp is not None:
            obj = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < xcomp.i), None)
            first = obj.left_edge.i if obj is not None else xcomp.left_edge.i
            return first, xcomp.right_edge.i, "xcomp"
    if lexicon_lemma == "call":
        # naming, not phoning: 'called the attack "a war crime"' needs a second complement
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
        pred = next((c for c in cue.children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > cue.i), None)
        if pred is None and obj is not None:
            pred = next((c for c in obj.children if c.dep_ == "appos"), None)
        if pred is None:
            return None
        first = obj.left_edge.i if obj is not None else pred.left_edge.i
        return first, max(pred.right_edge.i, (obj or pred).right_edge.i), "dobj"
    if lexicon_lemma in _OBJECT_CONTENT:
        for child in cue.children:
            if child.dep_ in ("dobj", "oprd") and child.i > cue.i and child.pos_ != "PRON":
                last = child.right_edge.i
                after = doc[last + 1] if last + 1 < len(doc) else None
                if after is not None and after.tag_ in ("VBD", "VBZ", "VBP", "MD") and after.head.i > last:
                    # 'claiming soldiers were taken prisoner', parsed as object + stray verb: a clause
                    verb = after if after.pos_ == "VERB" else after.head
                    last = max(last, verb.right_edge.i)
                oprd = next((c for c in cue.children if c.dep_ == "oprd" and c.i > child.i), None)
                if oprd is not None:
                    last = oprd.right_edge.i
                # "accused the army of shelling the camp", "blamed the rebels for the attack"
                for prep in cue.children:
                    if prep.dep_ == "prep" and prep.i > last and prep.lower_ in ("of", "for", "over"):
                        last = prep.right_edge.i
                        break
                return child.left_edge.i, last, "dobj"
    head = cue.head
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        # "as the ministry said, Y": the clause the as-phrase modifies, without the phrase
        if cue.right_edge.i < head.right_edge.i and cue.left_edge.i <= head.left_edge.i + 1:
            return cue.right_edge.i + 1, head.right_edge.i, "as"
        if cue.left_edge.i > head.left_edge.i:
            return head.left_edge.i, cue.left_edge.i - 1, "as"
    if cue.dep_ == "parataxis" and head.i > cue.i and head is not cue:
        # "In the end, the minister said, the talks failed": the whole clause, around the cue
        return head.left_edge.i, head.right_edge.i, "inside"
    # a cue hanging off the clause it reports: "Y, a source said, but ..."
    if cue.dep_ in ("parataxis", "ccomp", "advcl", "conj") and head.i < cue.i and head is not cue:
        subj = find_subject(cue)
        left = subj.left_edge.i if subj is not None and subj.i < cue.i else cue.i
        if left > 0 and doc[left - 1].text in (",", "—", "–", "-") and left - 1 > head.left_edge.i:
            return head.left_edge.i, left - 2, "post"
    return None


def _particle(cue, lexicon: CueLexicon):
    """(particle token, certainty) for two-word cues like "call for", "point out"."""
    options = lexicon.verb_particles.get(cue.lemma_.lower())
    if not options:
        return None
    for child in cue.children:
        if child.dep_ in ("prt", "prep", "dobj") and child.lower_ in options and child.i > cue.i:
            return child, options[child.lower_]
    return None


def find_reports(doc, lexicon: CueLexicon, index: DocIndex | None = None) -> list[Report]:
    """Every cue of ``doc`` with its content, in text order."""
    index = index or DocIndex(doc)
    text = index.text
    reports: list[Report] = _label_reports(doc, text, lexicon)
    verbs, nouns = lexicon.verbs, lexicon.nouns
    candidates = sorted({*index.where("lemma", lexicon.verb_ids), *index.where("lower", lexicon.verb_ids),
                         *index.where("lemma", lexicon.noun_ids)})
    for i in candidates:
        tok = doc[i]
        pos = tok.pos_
        if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            report = _according_report(tok, lexicon, text)
            if report is not None:
                reports.append(report)
        elif pos in ("VERB", "AUX"):
            lemma = tok.lemma_.lower()
            particle = _particle(tok, lexicon)
            if particle is None and lemma not in verbs:
                continue
            report = (_particle_report if particle else _verb_report)(tok, lemma, lexicon, text, particle)
            if report is not None:
                reports.append(report)
        elif pos == "NOUN" and tok.lemma_.lower() in nouns:
            report = _noun_report(tok, nouns[tok.lemma_.lower()], text)
            if report is not None:
                reports.append(report)
    return reports


def person_subjects(doc, index: DocIndex) -> dict[int, Report]:
    """Sentence start (character) -> the sentence's subject when it names a person, as a
    cue-less report: the speaker a following quote with no cue of its own may belong to
    ("The spokesman, Omar Aziz, described the night. “People ran ...”")."""
    out = {}
    root = get_string_id("ROOT")
    for i, dep in enumerate(index.dep):
        if dep != root:
            continue
        tok = doc[i]
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        first, last = speaker_range(subj)
        if not any(doc[k].ent_type_ == "PERSON" for k in range(first, last + 1)):
            continue
        first_i, _ = index.sentence_of(i)
        out[doc[first_i].idx] = Report((tok.idx, tok.idx + len(tok)), i, None, Certainty.REPORTED,
                                       char_range(doc, first, last), subj.i, "subject")
    return out


def _label_reports(doc, text: str, lexicon: CueLexicon) -> list[Report]:
    """'Hamas: 20 soldiers captured' - a headline or transcript line headed by its speaker."""
    if ":" not in text:
        return []
    out = []
    certainty = lexicon.phrases.get(":", Certainty.REPORTED)
    for m in _LABEL_LINE.finditer(text):
        label = m.group(1)
        if label.lower() in lexicon.labels:
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or any(t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") for t in span):
            continue
        if any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") for t in span) or (
                label.isupper() and not text[:m.start(1)].strip()):
            continue  # a dateline ("KABUL: ..." opening the article), not a speaker
        start, end = trim(text, m.start(2), m.end(2))
        if end - start < 8:
            continue
        colon = m.end(1)
        out.append(Report((colon, colon + 1), span.root.i, (start, end), certainty, (m.start(1), m.end(1)),
                          span.root.i, "label"))
    return out


def _make(text, doc, cue_first, cue_last, cue_tok, first, last, certainty, how) -> Report | None:
    content = None
    cue = char_range(doc, cue_first, cue_last)
    # the parser sometimes runs a sentence across a paragraph break ('..."\n\nX said Y'):
    # a cue's content and speaker stay in the cue's paragraph
    p_start, p_end = paragraph_of(text, cue[0])
    if how != "bare" and last >= first:
        start, end = trim(text, *_clip(char_range(doc, first, last), p_start, p_end))
        if end - start >= 2:
            content = (start, end)
    if content is None:
        how = "bare"
    subj = find_subject(cue_tok)
    speaker = speaker_token = None
    fragments: tuple[tuple[int, int], ...] = ()
    if how == "inside" and content is not None:
        # cut the parenthetical attribution (cue plus speaker) out of the content
        lo, hi = cue_tok.left_edge, cue_tok.right_edge
        pieces = (trim(text, content[0], lo.idx), trim(text, hi.idx + len(hi), content[1]))
        fragments = tuple(p for p in pieces if p[1] - p[0] >= 2)
        if subj is not None and lo.i <= subj.i <= hi.i:
            first, last = cue_tok.i, cue_tok.i  # the speaker inside the cut is the speaker
    if subj is not None and not (first <= subj.i <= last) and p_start <= subj.idx < p_end:
        s_first, s_last = speaker_range(subj)
        if s_first <= cue_tok.i <= s_last:  # "the group which said ...": the speaker stops before its clause
            s_last = max(subj.i, cue_tok.left_edge.i - 1)
            while s_last > s_first and doc[s_last].is_punct:
                s_last -= 1
        speaker = trim(text, *_clip(char_range(doc, s_first, s_last), p_start, p_end))
        speaker_token = subj.i
    return Report(cue, cue_tok.i, content, certainty, speaker, speaker_token, how, fragments)


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """Character range of the line (paragraph) holding ``pos``."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def _clip(span: tuple[int, int], lo: int, hi: int) -> tuple[int, int]:
    start, end = max(span[0], lo), min(span[1], hi)
    return (start, end) if start < end else (lo, lo)


def _verb_report(tok, lemma, lexicon: CueLexicon, text, _particle_unused) -> Report | None:
    if lemma in _EVIDENCE and not any(c.dep_ in _SUBJECTS and not _expletive(c) for c in tok.children):
        return None
    found = _clause_content(tok, lemma)
    if found is None:
        found = (0, -1, "bare")
    first, last, how = found
    if first <= tok.i <= last and how != "inside":
        # 'what the minister said was a war': the content is what follows the cue
        if last <= tok.i:
            return None
        first = tok.i + 1
    cue_first = tok.i
    # "has said", "also said", "did not say": the cue phrase keeps its auxiliaries and negation
    negated = any(c.dep_ == "neg" for c in tok.children)
    certainty = lexicon.verbs[lemma]
    if negated and certainty is Certainty.REPORTED and lemma in ("say", "confirm", "believe", "think"):
        certainty = Certainty.DENIED
    return _make(text, tok.doc, cue_first, tok.i, tok, first, last, certainty, how)


def _particle_report(tok, lemma, lexicon: CueLexicon, text, particle) -> Report | None:
    part, certainty = particle
    doc = tok.doc
    if part.dep_ == "prep":
        pobj = next((c for c in part.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            return None
        first, last = pobj.left_edge.i, pobj.right_edge.i
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > part.i), None)
        if xcomp is not None:  # "called on Palestinians to fight"
            last = max(last, xcomp.right_edge.i)
        how = "dobj"
    else:
        found = _clause_content(tok, lemma)
        if found is None:
            rest = [c for c in tok.children if c.dep_ in ("dobj", "ccomp") and c.i > part.i]
            if not rest:
                return None
            first, last, how = rest[0].left_edge.i, rest[0].right_edge.i, "dobj"
        else:
            first, last, how = found
    if first <= tok.i <= last:
        return None
    return _make(text, doc, tok.i, max(tok.i, part.i), tok, first, last, certainty, how)


def _according_report(tok, lexicon: CueLexicon, text) -> Report | None:
    doc = tok.doc
    to = doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    certainty = lexicon.phrases.get("according to")
    if source is None or certainty is None:
        return None
    head = tok.head
    if head is tok:
        return None
    pp_first, pp_last = tok.i, max(to.right_edge.i, source.right_edge.i)
    c_first, c_last = head.left_edge.i, head.right_edge.i
    if c_first == pp_first:
        c_first = pp_last + 1
    elif c_last == pp_last:
        c_last = pp_first - 1
    if c_last < c_first:
        return None
    start, end = trim(text, *char_range(doc, c_first, c_last))
    s_first, s_last = speaker_range(source)
    return Report(char_range(doc, tok.i, tok.i + 1), tok.i, (start, end), certainty,
                  char_range(doc, s_first, s_last), source.i, "according")


def _noun_report(tok, certainty: Certainty, text) -> Report | None:
    """'the claim that Y', 'Hamas's statement that Y': a noun with a that-clause."""
    clause = next(
        (c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i
         and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
        None,
    )
    if clause is None:
        return None
    doc = tok.doc
    speaker = None
    for child in tok.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("by", "from")):
            speaker = child if child.dep_ == "poss" else next((c for c in child.children if c.dep_ == "pobj"), None)
            break
    cue_first = tok.i
    if speaker is None and tok.dep_ in ("dobj",) and tok.head.pos_ == "VERB":
        speaker = find_subject(tok.head)
    elif speaker is None and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        # "X said in a statement that Y": the clause hangs off the noun, the speaker off the verb
        verb = tok.head.head
        speaker = find_subject(verb)
        if verb.i < tok.i:
            cue_first = verb.i
    start, end = trim(text, *char_range(doc, clause.left_edge.i, clause.right_edge.i))
    if end - start < 2:
        return None
    sp = sp_tok = None
    if speaker is not None:
        sp, sp_tok = char_range(doc, *speaker_range(speaker)), speaker.i
    return Report(char_range(doc, cue_first, tok.i), tok.i, (start, end), certainty, sp, sp_tok, "noun")
