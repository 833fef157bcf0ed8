"""The numpy encoder against sentence-transformers' own embeddings of the same texts.

reference.json was written by make_reference.py with sentence-transformers 6.3.0 and torch
2.13.0+cpu running the same packaged all-MiniLM-L6-v2 (its "source" field says so).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from inspectorate.core.recurrence.encoder import default_encoder
from support.embedding_texts import REFERENCE_TEXTS

REFERENCE = json.loads(Path(__file__).with_name("reference.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return default_encoder().encode(REFERENCE_TEXTS)


def test_the_reference_was_made_by_sentence_transformers():
    assert REFERENCE["source"].startswith("sentence-transformers ")
    assert len(REFERENCE["cosines"]) == len(REFERENCE_TEXTS)


def test_embeddings_match_sentence_transformers_component_by_component(vectors):
    expected = np.array(REFERENCE["first_components"])
    assert np.allclose(vectors[:, :8], expected, atol=2e-6)


def test_similarities_match_sentence_transformers(vectors):
    assert np.allclose(vectors @ vectors.T, np.array(REFERENCE["cosines"]), atol=2e-6)


def test_vectors_are_unit_length_and_384_wide(vectors):
    assert vectors.shape == (len(REFERENCE_TEXTS), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), REFERENCE["norms"], atol=1e-6)


def test_a_text_embeds_the_same_alone_as_in_a_batch_with_longer_ones(vectors):
    alone = default_encoder().encode([REFERENCE_TEXTS[0]])
    assert np.allclose(alone[0], vectors[0], atol=1e-6)


def test_nothing_to_encode_gives_an_empty_matrix():
    assert default_encoder().encode([]).shape == (0, 384)
