"""Address checks: only public http(s) hosts, on every address a name resolves to."""
from __future__ import annotations

import pytest

from sitroom.errors import BlockedAddress, FetchError
from sitroom.ingest.safety import check_url, is_public


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "2002:0a00:0001::1",
    "64:ff9b::a00:1", "255.255.255.255", "fe80::1%eth0",
])
def test_private_and_special_addresses_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "1.1.1.1",
                                     "::ffff:8.8.8.8"])
def test_global_addresses_are_public(address):
    assert is_public(address)


def resolver(table):
    return lambda host, port: table[host]


def test_every_resolved_address_is_checked():
    check_url("https://news.example/a", resolver=resolver({"news.example": ["93.184.215.14"]}))
    with pytest.raises(BlockedAddress, match="10.0.0.7"):
        check_url("https://mixed.example/a", resolver=resolver({"mixed.example": ["93.184.215.14", "10.0.0.7"]}))


def test_literal_addresses_and_schemes():
    with pytest.raises(BlockedAddress):
        check_url("http://127.0.0.1:8080/admin")
    with pytest.raises(BlockedAddress):
        check_url("http://[::1]/")
    with pytest.raises(BlockedAddress, match="only http and https"):
        check_url("file:///etc/passwd")
    with pytest.raises(BlockedAddress, match="only http and https"):
        check_url("ftp://example.org/x")
    with pytest.raises(BlockedAddress, match="no host"):
        check_url("http:///path")


def test_allow_private_lets_local_addresses_through():
    check_url("http://127.0.0.1:8080/", allow_private=True)
    with pytest.raises(BlockedAddress):  # but never another scheme
        check_url("file:///etc/passwd", allow_private=True)


def test_names_that_do_not_resolve_are_fetch_errors():
    def fail(host, port):
        raise OSError("Name or service not known")

    with pytest.raises(FetchError, match="cannot resolve") as info:
        check_url("https://nowhere.invalid/", resolver=fail)
    assert not isinstance(info.value, BlockedAddress)
