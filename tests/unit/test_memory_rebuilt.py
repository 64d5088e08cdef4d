"""claims.analysis.memory.Rebuilt: the per-process index is rebuilt only when its version moves."""

import threading

from claims.analysis.memory import Rebuilt


class Counter:
    def __init__(self):
        self.builds = 0

    def __call__(self):
        self.builds += 1
        return f"index #{self.builds}"


def test_the_same_version_builds_once():
    build = Counter()
    kept = Rebuilt(build)
    assert kept.get(7) == "index #1"
    assert kept.get(7) == "index #1"
    assert build.builds == 1


def test_a_new_version_rebuilds_and_an_old_one_rebuilds_again():
    build = Counter()
    kept = Rebuilt(build)
    kept.get(1)
    assert kept.get(2) == "index #2"
    # Versions are compared for equality, not order: a cache that lost its key
    # and handed out another value still forces a rebuild.
    assert kept.get(1) == "index #3"


def test_clear_forgets_the_index():
    build = Counter()
    kept = Rebuilt(build)
    kept.get(5)
    kept.clear()
    assert kept.get(5) == "index #2"


def test_threads_asking_at_once_share_one_build():
    started = threading.Event()
    release = threading.Event()
    builds = []

    def slow_build():
        builds.append(1)
        started.set()
        release.wait(5)
        return "index"

    kept = Rebuilt(slow_build)
    results = []
    threads = [threading.Thread(target=lambda: results.append(kept.get(3))) for _ in range(4)]
    threads[0].start()
    started.wait(5)
    for t in threads[1:]:
        t.start()
    release.set()
    for t in threads:
        t.join(5)
    assert results == ["index"] * 4
    assert len(builds) == 1
