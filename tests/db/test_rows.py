"""claims.services.rows: the bulk writes behind the analysis, assignment and extraction
write what bulk_update / bulk_create wrote."""

import pytest

from claims.models import Claim, EmbeddingCache, Flag, Person
from claims.services.rows import insert_rows, update_rows
from tests.db import builders as b

pytestmark = pytest.mark.django_db


def test_update_rows_writes_json_foreign_keys_and_bytes_as_bulk_update_does():
    story = b.story()
    group = b.cluster(story)
    article = b.article(text="The bridge opened on Monday. It cost 40 million.")
    first = b.claim(article, text="The bridge opened on Monday.")
    second = b.claim(article, text="It cost 40 million.", start=29)
    flag = b.flag(story, variants=[{"value": "old"}])
    before = Flag.objects.get(pk=flag.pk).updated_at

    first.cluster, first.embedding = group, b"\x00\x01\x02\x03"
    second.cluster, second.embedding = None, None
    assert update_rows(Claim, [first, second], ["cluster", "embedding"]) == 2
    flag.variants, flag.detail = [{"value": "new", "outlets": ["A", "B"]}], {"k": 1}
    update_rows(Flag, [flag], ["variants", "detail"])

    rows = {c.pk: c for c in Claim.objects.filter(article=article)}
    assert rows[first.pk].cluster_id == group.pk
    assert bytes(rows[first.pk].embedding) == b"\x00\x01\x02\x03"
    assert rows[second.pk].cluster_id is None and rows[second.pk].embedding is None
    stored = Flag.objects.get(pk=flag.pk)
    assert stored.variants == [{"value": "new", "outlets": ["A", "B"]}]
    assert stored.detail == {"k": 1}
    assert stored.updated_at == before  # no pre_save: auto_now left as the row holds it
    assert update_rows(Flag, [], ["variants"]) == 0


def test_insert_rows_fills_defaults_and_skips_conflicts_when_asked():
    Person.objects.create(name="Mara Lindqvist", names=["Mara Lindqvist"])
    sent = insert_rows(
        Person,
        [Person(name="Mara Lindqvist", names=["x"]), Person(name="Tomas Brenner", names=["T"])],
        ignore_conflicts=True,
    )
    assert sent == 2
    people = {p.name: p for p in Person.objects.all()}
    assert people["Mara Lindqvist"].names == ["Mara Lindqvist"]  # the first row stays
    assert people["Tomas Brenner"].names == ["T"]
    assert people["Tomas Brenner"].updated_at is not None  # auto_now filled on insert

    insert_rows(EmbeddingCache, [EmbeddingCache(model="m", text_hash="h", vector=b"\x01")])
    cached = EmbeddingCache.objects.get(model="m", text_hash="h")
    assert bytes(cached.vector) == b"\x01" and cached.created_at is not None


def test_insert_rows_multirow_writes_the_rows_executemany_writes_in_order(monkeypatch):
    from claims.services import rows as rows_module

    monkeypatch.setattr(rows_module, "MULTIROW_PARAMS", 9)  # three rows a statement
    Person.objects.create(name="Ilse Varga", names=["Ilse Varga"])
    names = [
        "Ada Quill",
        "Ilse Varga",
        "Bo Tarrant",
        "Cy Oduya",
        "Dee Morrow",
        "Eli Sand",
        "Fen Hale",
    ]
    sent = insert_rows(
        Person, [Person(name=n, names=[n.upper()]) for n in names], True, multirow=True
    )
    assert sent == len(names)
    people = list(Person.objects.order_by("pk").values_list("name", "names"))
    assert people[0] == ("Ilse Varga", ["Ilse Varga"])  # the conflicting row skipped
    assert people[1:] == [(n, [n.upper()]) for n in names if n != "Ilse Varga"]  # in order
    assert Person.objects.filter(updated_at__isnull=True).count() == 0
    assert insert_rows(Person, [], multirow=True) == 0
