import ipaddress as ip

a = ip.ip_address("192.168.1.10")
b = ip.ip_address("2001:db8::8a2e:370:7334")
print(repr(a), a, int(a), a.version, a.max_prefixlen, a.packed, a.reverse_pointer)
print(repr(b), b, b.exploded, b.compressed, b.packed.hex(), b.version)
print(b.reverse_pointer)
print(ip.ip_address(3232235777), ip.ip_address(b"\x7f\x00\x00\x01"), ip.IPv6Address(1), ip.IPv6Address(0))
print(a + 5, a - 10, a < ip.IPv4Address("192.168.1.11"), a == ip.IPv4Address("192.168.1.10"), hash(a) == hash(ip.IPv4Address(int(a))))
print(format(a, "b"), format(a, "#x"), format(a, "_X"), format(a, "n"), format(a, ">20s"), f"{b:#_x}")
for text in ("1::", "::1", "1:0:0:1:0:0:0:1", "0:0:1:0:0:0:0:0", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8",
             "2001:0db8:0000:0000:0000:ff00:0042:8329", "::"):
    x = ip.ip_address(text)
    print(text, "->", x, x.exploded, x.scope_id, x.ipv4_mapped, x.is_loopback, x.is_link_local)
s = ip.IPv6Address("fe80::1%eth0")
print(repr(s), s, s.scope_id, s == ip.IPv6Address("fe80::1"), s.is_link_local)
print(ip.IPv6Address("2002:c000:204::1").sixtofour, ip.IPv6Address("2001:0:4136:e378:8000:63bf:3fff:fdd2").teredo)
for x in ("127.0.0.1", "10.1.2.3", "8.8.8.8", "224.0.0.1", "169.254.1.1", "0.0.0.0", "240.0.0.1", "100.64.0.1",
          "::1", "fe80::1", "2001:db8::1", "ff02::1", "2606:4700::1111", "fec0::1", "fd00::1"):
    x = ip.ip_address(x)
    print(x, x.is_private, x.is_global, x.is_multicast, x.is_reserved, x.is_loopback, x.is_link_local, x.is_unspecified)

n = ip.ip_network("192.168.0.0/28")
print(repr(n), n.network_address, n.broadcast_address, n.netmask, n.hostmask, n.prefixlen, n.num_addresses)
print(n.with_prefixlen, n.with_netmask, n.with_hostmask, n[0], n[-1], n[3], list(n.hosts())[:3], len(list(n)))
print(ip.ip_address("192.168.0.5") in n, ip.ip_address("192.168.1.5") in n, ip.ip_address("::1") in n)
print(list(n.subnets()), list(n.subnets(new_prefix=30))[:2], n.supernet(), n.supernet(new_prefix=16))
print(ip.ip_network("10.0.0.0/8").overlaps(ip.ip_network("10.1.0.0/16")), n.subnet_of(ip.ip_network("192.168.0.0/16")),
      ip.ip_network("192.168.0.0/16").supernet_of(n))
print(list(ip.ip_network("10.0.0.0/24").address_exclude(ip.ip_network("10.0.0.64/26"))))
print(ip.ip_network("10.0.0.0/255.0.0.0"), ip.ip_network("10.0.0.0/0.0.0.255"), ip.ip_network("10.1.2.3/8", strict=False))
print(ip.ip_network(("10.0.0.0", 8)), ip.ip_network(167772160), ip.IPv4Network("10.0.0.0/31").num_addresses,
      list(ip.IPv4Network("10.0.0.0/31").hosts()), list(ip.IPv4Network("10.0.0.7/32").hosts()))
v6 = ip.ip_network("2001:db8::/126")
print(v6, v6.exploded, v6.num_addresses, list(v6.hosts()), v6.broadcast_address, v6.netmask)
print(ip.ip_network("10.0.0.0/8").compare_networks(ip.ip_network("10.0.0.0/16")), sorted([ip.ip_network("10.0.1.0/24"), ip.ip_network("10.0.0.0/24"), ip.ip_network("9.0.0.0/8")]))

i = ip.ip_interface("192.168.1.5/24")
print(repr(i), i, i.ip, i.network, i.netmask, i.hostmask, i.with_prefixlen, i.with_netmask, i.with_hostmask)
j = ip.ip_interface("2001:db8::5/64")
print(repr(j), j.ip, j.network, j.exploded)

print(list(ip.summarize_address_range(ip.IPv4Address("192.0.2.0"), ip.IPv4Address("192.0.2.130"))))
print(list(ip.collapse_addresses([ip.IPv4Network("192.0.2.0/25"), ip.IPv4Network("192.0.2.128/25"),
                                 ip.IPv4Address("192.0.3.0"), ip.IPv4Address("192.0.3.1")])))
print(sorted([ip.ip_address("10.0.0.2"), ip.ip_network("10.0.0.0/30"), ip.ip_address("9.9.9.9")], key=ip.get_mixed_type_key))
print(ip.v4_int_to_packed(1), ip.v6_int_to_packed(1).hex(), ip.IPV4LENGTH, ip.IPV6LENGTH)

bad = ["", "1.2.3", "1.2.3.256", "1.2.3.04", "1.2.3.a", "1.2.3.1234", "1.2.3.4/24", "1:2", ":::", "1::2::3",
       "1:2:3:4:5:6:7:8:9", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7", "12345::", "g::", "1::1.2.3.999",
       "1:2:3:4:5:6:7::8", "fe80::1%"]
for text in bad:
    for cls in (ip.IPv4Address, ip.IPv6Address):
        try:
            cls(text)
        except ip.AddressValueError as e:
            print(cls.__name__, repr(text), e)
for args in ((-1,), (2 ** 32,), (b"\x01\x02",)):
    try:
        ip.IPv4Address(*args)
    except ip.AddressValueError as e:
        print("AddressValueError", e)
try:
    ip.IPv6Address(2 ** 128)
except ip.AddressValueError as e:
    print("AddressValueError", e)
for text in ("10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/255.0.255.0", "10.0.0.0/8/8", "10.0.0.0/abc", "::1/129"):
    try:
        ip.ip_network(text)
    except ValueError as e:
        print(type(e).__name__, e)
for text in ("nonsense", 2 ** 129):
    for f in (ip.ip_address, ip.ip_network, ip.ip_interface):
        try:
            f(text)
        except ValueError as e:
            print(type(e).__name__, e)
try:
    ip.ip_address("1.2.3.4") < ip.ip_address("::1")
except TypeError as e:
    print("TypeError", e)
try:
    n[100]
except IndexError as e:
    print("IndexError", e)
try:
    list(n.subnets(new_prefix=20))
except ValueError as e:
    print("ValueError", e)
try:
    list(ip.summarize_address_range(ip.IPv4Address("10.0.0.5"), ip.IPv4Address("10.0.0.1")))
except ValueError as e:
    print("ValueError", e)
print(issubclass(ip.AddressValueError, ValueError), issubclass(ip.NetmaskValueError, ValueError))
ip.IPv4Network("10.0.0.1/24")
