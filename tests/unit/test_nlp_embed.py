"""The default embedder: the packaged model, offline, unit vectors."""

import numpy as np

from claims.nlp import embed


def test_packaged_model_encodes_offline_unit_vectors():
    embedder = embed.SentenceTransformerEmbedder()
    vectors = embedder.encode(
        [
            "India and the US signed a defence framework.",
            "The US and India inked a defense pact.",
            "Heavy rain flooded the streets of Paris.",
        ]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert embedder.encode([]).shape == (0, 384)


def test_bytes_round_trip_and_swappable_backend():
    vector = np.arange(4, dtype=np.float32)
    assert np.array_equal(embed.from_bytes(memoryview(embed.to_bytes(vector))), vector)

    class Fake:
        dim = 2

        def encode(self, texts):
            return np.ones((len(texts), 2), dtype=np.float32)

    try:
        embed.set_embedder(Fake())
        assert embed.get_embedder().encode(["a"]).shape == (1, 2)
    finally:
        embed.set_embedder(None)
    assert isinstance(embed.get_embedder(), embed.SentenceTransformerEmbedder)
