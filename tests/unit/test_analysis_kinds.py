"""claims.analysis.kinds: the one list of flag kinds and the cluster status rule."""

from claims.analysis import kinds


def test_flag_kind_in_the_model_is_the_analysis_list():
    from claims.models import Flag

    assert list(Flag.Kind.values) == list(kinds.ALL)
    for kind in Flag.Kind.values:
        flag = Flag(kind=kind)
        assert flag.is_contradiction == kinds.is_difference(kind)


def test_differences_and_what_disputes_a_claim():
    assert set(kinds.DIFFERENCES) == set(kinds.ALL) - {"corroborated", "single_source"}
    assert kinds.NAME_VARIANT in kinds.DIFFERENCES  # a reviewer sees it...
    assert not kinds.disputes(kinds.NAME_VARIANT)  # ...but it does not colour the claim
    assert kinds.disputes(kinds.NUMBER_MISMATCH) and not kinds.disputes(kinds.CORROBORATED)


def test_cluster_status_rule():
    assert kinds.cluster_status(5, disputed=True) == "contradicted"
    assert kinds.cluster_status(2, disputed=False) == "corroborated"
    assert kinds.cluster_status(1, disputed=False) == "single_source"
    assert kinds.cluster_status(0, disputed=False) == "single_source"
