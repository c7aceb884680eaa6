"""Token vectors of a long article computed window by window, so memory stays flat (issue 14).

spaCy's CNN token encoder (``spacy.Tok2Vec.v2``: hash embeddings, then ``depth`` convolution
layers of width ``window_size``) holds about 15 KB of temporary arrays per token while it
runs over a Doc: 3 GB for a 1,000,000-character article, which alone breaks sitroom's memory
bar. Each token's vector depends only on the tokens at most ``window_size * depth`` away (the
encoder's ``pad``, 4 in the English models), and every layer works row by row. So the vectors
of a long Doc are computed over overlapping windows of tokens, each with a margin wider than
that reach on both sides, keeping only the window's middle: the same numbers as over the whole
Doc (tests/perf/test_windowed.py checks equality bit for bit), at the memory of one window.

Docs up to ``max_tokens`` tokens, and training, use the encoder unchanged.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

#: tokens per window; a batch of ordinary articles is far below it
WINDOW_TOKENS = 8_000


def window_encoders(nlp, max_tokens: int = WINDOW_TOKENS) -> int:
    """Make every CNN token encoder of ``nlp`` (the shared ``tok2vec`` and those inside other
    components, like the English NER's own) run long Docs window by window; the number patched."""
    seen: set[int] = set()
    patched = 0
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if id(node) in seen:
                continue
            seen.add(id(node))
            reach = _reach(node)
            if reach is not None and not node.attrs.get("sitroom_windowed"):
                node._func = _windowed(node._func, reach, max_tokens)
                node.attrs["sitroom_windowed"] = True
                patched += 1
    return patched


def _reach(node) -> int | None:
    """How far a token's vector looks, for a ``spacy.Tok2Vec.v2`` model (an embedding chain that
    starts by extracting the Docs' features, then an array encoder with a ``pad``); else None."""
    layers = getattr(node, "layers", None)
    if not layers or len(layers) != 2:
        return None
    embed, encode = layers
    if not embed.layers or embed.layers[0].name != "extract_features":
        return None
    pad = encode.attrs.get("pad")
    return pad if isinstance(pad, int) and pad > 0 else None


def _windowed(forward: Callable, reach: int, max_tokens: int) -> Callable:
    margin = 4 * reach  # more than enough: kept rows are ``reach`` tokens from any window edge

    def run(model, docs, is_train: bool) -> tuple[Any, Callable]:
        if is_train or all(len(doc) <= max_tokens for doc in docs):
            return forward(model, docs, is_train)
        outputs = [forward(model, [doc], False)[0][0] if len(doc) <= max_tokens
                   else _by_window(forward, model, doc, margin, max_tokens) for doc in docs]

        def backprop(_d_outputs):  # predict only: never called
            raise NotImplementedError("windowed token vectors are for prediction only")

        return outputs, backprop

    return run


def _by_window(forward: Callable, model, doc, margin: int, step: int):
    n = len(doc)
    parts = []
    arrays: dict[tuple, Any] = {}  # the Doc's feature columns, read once for all windows
    for a in range(0, n, step):
        b = min(a + step, n)
        lo, hi = max(0, a - margin), min(n, b + margin)
        vectors = forward(model, [_Rows(doc, lo, hi, arrays)], False)[0][0]
        parts.append(vectors[a - lo:b - lo])
    return model.ops.xp.concatenate(parts)


class _Rows:
    """Tokens ``[lo, hi)`` of a Doc as the encoder's feature extractor reads a Doc (its only
    use of one): ``to_array(columns)``. spaCy's Span.to_array takes no attribute names."""

    __slots__ = ("doc", "lo", "hi", "arrays")

    def __init__(self, doc, lo: int, hi: int, arrays: dict) -> None:
        self.doc, self.lo, self.hi, self.arrays = doc, lo, hi, arrays

    def __len__(self) -> int:
        return self.hi - self.lo

    def to_array(self, columns):
        key = tuple(columns) if isinstance(columns, (list, tuple)) else (columns,)
        if key not in self.arrays:
            self.arrays[key] = self.doc.to_array(columns)
        return self.arrays[key][self.lo:self.hi]
