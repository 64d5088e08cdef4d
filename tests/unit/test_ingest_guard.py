import pytest

from claims.ingest.errors import BlockedAddress, FetchFailed, IngestError
from claims.ingest.fetch import blocked_reason, resolve_public


@pytest.mark.parametrize(
    "ip, reason",
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00::1", "unique-local"),
        ("fc00::5", "unique-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::ffff:10.0.0.1", "IPv4-mapped"),
        ("::ffff:8.8.8.8", "IPv4-mapped"),
        ("2002:0a00:0001::1", "6to4"),
        ("64:ff9b::a00:1", "NAT64"),
    ],
)
def test_non_public_addresses_are_blocked(ip, reason):
    assert reason in blocked_reason(ip)


@pytest.mark.parametrize("ip", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(ip):
    assert blocked_reason(ip) is None


def test_loopback_allowance_covers_only_loopback():
    assert blocked_reason("127.0.0.1", allow_loopback=True) is None
    assert blocked_reason("127.255.0.1", allow_loopback=True) is None
    assert blocked_reason("::1", allow_loopback=True) is None
    assert blocked_reason("10.0.0.1", allow_loopback=True) == "a private"
    assert blocked_reason("::ffff:127.0.0.1", allow_loopback=True) == "an IPv4-mapped IPv6"


def test_resolve_public_reports_the_name_and_the_address():
    with pytest.raises(BlockedAddress) as info:
        resolve_public("intranet.example", 80, resolver=lambda h, p: ["192.168.0.10"])
    assert str(info.value) == (
        "refusing to fetch: intranet.example resolves to 192.168.0.10, which is a private address"
    )
    assert isinstance(info.value, IngestError) and isinstance(info.value, ValueError)


def test_resolution_failure_is_transient():
    def fail(host, port):
        raise OSError("Name or service not known")

    with pytest.raises(FetchFailed, match="cannot resolve") as info:
        resolve_public("nowhere.example", 80, resolver=fail)
    assert info.value.transient


def test_literal_ips_skip_dns():
    def never(host, port):
        raise AssertionError("no DNS for a literal")

    assert resolve_public("93.184.216.34", 80, resolver=never) == ["93.184.216.34"]
    with pytest.raises(BlockedAddress):
        resolve_public("10.1.2.3", 80, resolver=never)
