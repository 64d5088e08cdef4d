"""The default embedder: the packaged model, offline, unit vectors."""

import numpy as np
import pytest

from claims.nlp import embed


@pytest.mark.slow  # loads the sentence-transformers model
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
    assert type(embed.get_embedder()) is type(embed.make_embedder())  # the default again


SENTENCES = [
    "Defence Minister Rajnath Singh and US Secretary of War Pete Hegseth met in Kuala Lumpur.",
    "The 10-year framework was signed on Friday.",
    "“This is a cornerstone for regional stability,” he said.",
    "Tariffs of 25% remain in place.",
    "A short one.",
    "India and the US also agreed to deepen cooperation in defence industry, joint research "
    "and co-production of advanced systems over the next decade, officials said.",
]


@pytest.mark.slow  # loads the sentence-transformers model
def test_onnx_backend_matches_the_torch_vectors(tmp_path):
    onnx = embed.OnnxEmbedder(cache_dir=tmp_path)
    vectors = onnx.encode(SENTENCES)
    reference = embed.SentenceTransformerEmbedder().encode(SENTENCES)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    cosines = np.einsum("ij,ij->i", vectors, reference)
    assert cosines.min() >= 0.99
    assert onnx.encode([]).shape == (0, 384)
    # The export is cached under the cache directory and reused by the next embedder.
    graph = onnx.graph_path()
    assert graph.exists() and graph.parent == tmp_path
    stamp = graph.stat().st_mtime_ns
    again = embed.OnnxEmbedder(cache_dir=tmp_path).encode(SENTENCES[:2])
    assert np.allclose(again, vectors[:2], atol=1e-5)
    assert graph.stat().st_mtime_ns == stamp


@pytest.fixture
def configure(monkeypatch):
    """Set this process's embedding configuration for one test (restored after)."""
    monkeypatch.setattr(embed, "_configured", embed.current_config())
    return embed.configure


def test_backend_is_chosen_by_configuration(configure, tmp_path):
    configure(embed.EmbedConfig(backend="onnx", cache_dir=str(tmp_path)))
    chosen = embed.make_embedder()
    assert isinstance(chosen, embed.OnnxEmbedder) and chosen.cache_dir == tmp_path
    configure(embed.EmbedConfig(backend=" Torch "))
    assert isinstance(embed.make_embedder(), embed.SentenceTransformerEmbedder)
    configure(embed.EmbedConfig(backend="tensorflow"))
    with pytest.raises(ValueError, match="EMBED_BACKEND"):
        embed.make_embedder()


def test_threads_per_process_from_configuration(configure):
    configure(embed.EmbedConfig())
    assert embed._threads() == 0  # the runtime decides
    configure(embed.EmbedConfig(threads=1))
    assert embed._threads() == 1
    configure(embed.EmbedConfig(threads=-2))
    assert embed._threads() == 0


def test_without_django_the_environment_configures(configure, tmp_path):
    environ = {"EMBED_BACKEND": "torch", "EMBED_CACHE_DIR": str(tmp_path), "EMBED_THREADS": "2"}
    assert embed.EmbedConfig.from_environ(environ) == embed.EmbedConfig("torch", str(tmp_path), 2)
    assert embed.EmbedConfig.from_environ({"EMBED_THREADS": "many"}) == embed.EmbedConfig()
    assert embed.EmbedConfig.from_environ({"EMBED_INT8_TABLE": "false"}).int8_table is False
    assert embed.EmbedConfig.from_environ({"EMBED_INT8_TABLE": "1"}).int8_table is True
    configure(None)  # nothing passed in: the process's environment is read
    assert embed.current_config() == embed.EmbedConfig.from_environ()


def test_settings_are_passed_in():
    from django.conf import settings

    assert embed.current_config() == embed.EmbedConfig(
        settings.EMBED_BACKEND,
        settings.EMBED_CACHE_DIR,
        settings.EMBED_THREADS,
        settings.EMBED_INT8_TABLE,
    )
