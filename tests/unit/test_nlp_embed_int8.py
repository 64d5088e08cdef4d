"""The ONNX graph with an int8 token table (EMBED_INT8_TABLE): smaller, vectors within 1e-4."""

import numpy as np
import pytest

from claims.nlp import embed

SENTENCES = [
    "The harbour authority said 3,400 containers were delayed by the strike.",
    "Mayor Elena Okafor denied that the bridge contract had been signed in March.",
    "“We will not raise the water tariff this year,” the utility's chief told reporters.",
    "Rainfall in the valley was 40% below the ten-year average, the weather office said.",
    "Short.",
    "The committee, which met behind closed doors for six hours on Tuesday, voted to delay "
    "the report until the auditors have checked every invoice from the three suppliers.",
]


@pytest.fixture(scope="module")
def embedders():
    cache = embed.DEFAULT_CACHE_DIR  # shared with the bench: the plain export is made once
    plain = embed.OnnxEmbedder(cache_dir=cache, int8_table=False)
    compact = embed.OnnxEmbedder(cache_dir=cache, int8_table=True)
    return plain, compact


def test_the_graphs_have_their_own_files(tmp_path):
    plain = embed.OnnxEmbedder(cache_dir=tmp_path, int8_table=False)
    compact = embed.OnnxEmbedder(cache_dir=tmp_path, int8_table=True)
    assert plain.graph_path() == compact.plain_path() != compact.graph_path()
    assert compact.graph_path().parent == tmp_path
    assert compact.needs_torch()  # nothing exported yet
    compact.plain_path().write_bytes(b"")
    assert not compact.needs_torch()  # the int8 table is derived with onnx alone


@pytest.mark.slow  # exports the model once (torch) where the cache lacks it
def test_int8_table_vectors_agree_with_the_float_graph(embedders):
    plain, compact = embedders
    reference = plain.encode(SENTENCES)
    vectors = compact.encode(SENTENCES)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    cosines = np.einsum("ij,ij->i", vectors, reference)
    assert cosines.min() >= 0.9995
    assert not np.array_equal(vectors, reference)  # the table really is quantised
    # The same text gives the same vector whatever else is in its batch.
    alone = np.vstack([compact.encode([s]) for s in SENTENCES])
    assert np.allclose(alone, vectors, atol=1e-5)


@pytest.mark.slow
def test_int8_table_graph_holds_no_float_table(embedders):
    import onnx

    plain, compact = embedders
    compact.export()
    model = onnx.load(str(compact.graph_path()))
    tables = {t.name: t for t in model.graph.initializer if len(t.dims) == 2}
    largest = max(tables.values(), key=lambda t: int(np.prod(t.dims)))
    assert largest.data_type == onnx.TensorProto.INT8 and largest.dims[1] == 384
    assert compact.graph_path().stat().st_size < 0.7 * plain.graph_path().stat().st_size
