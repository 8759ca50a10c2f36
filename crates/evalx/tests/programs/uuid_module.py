# uuid: the UUID class's views and checks, name-based uuid3/uuid5, and the shape of uuid1/uuid4.
import uuid

u = uuid.UUID('{12345678-1234-5678-1234-567812345678}')
print(u, repr(u))
print(u.hex, u.int, u.urn)
print(u.bytes, u.bytes_le)
print(u.fields, u.time_low, u.time_mid, u.time_hi_version, u.clock_seq_hi_variant, u.clock_seq_low, u.node)
print(u.time, u.clock_seq, u.variant, u.version)
for args in [dict(hex='12345678123456781234567812345678'), dict(bytes=u.bytes), dict(bytes_le=u.bytes_le),
             dict(fields=u.fields), dict(int=u.int), dict(hex='urn:uuid:12345678-1234-5678-1234-567812345678')]:
    print(uuid.UUID(**args) == u, end=" ")
print()
v = uuid.UUID(int=u.int, version=4)
print(v, v.version, v.variant)
print(uuid.UUID(int=0).variant, uuid.UUID(int=0).version, uuid.UUID(int=(1 << 128) - 1).variant)
print(uuid.UUID(int=0xc000 << 48).variant)
print(u == uuid.UUID(str(u)), u != v, u < v, sorted([v, u])[0] == u, hash(u) == hash(uuid.UUID(str(u))))
print(u == str(u), int(u) == u.int, {u: 1}[uuid.UUID(u.hex)])
for bad in [dict(hex='123'), dict(bytes=b'abc'), dict(bytes_le=b'x'), dict(fields=(1, 2)),
            dict(fields=(1 << 32, 0, 0, 0, 0, 0)), dict(fields=(0, 0, 0, 256, 0, 0)), dict(int=-1),
            dict(int=1 << 128), dict(int=1, version=6), dict()]:
    try:
        uuid.UUID(**bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    u.int = 5
except TypeError as e:
    print("TypeError", e)
print(uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500)
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'))
print(uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))
print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/'), uuid.uuid3(uuid.NAMESPACE_OID, '1.3.6.1'))
try:
    uuid.uuid5(uuid.NAMESPACE_URL, b'x')
except TypeError as e:
    print("TypeError", e)
try:
    uuid.uuid3(uuid.NAMESPACE_URL, b'x')
except TypeError as e:
    print("TypeError", e)
r = uuid.uuid4()
print(r.version, r.variant, len(str(r)), r != uuid.uuid4())
t = uuid.uuid1()
print(t.version, t.variant, t.node & (1 << 40) != 0 or t.node == uuid.getnode())
print(uuid.uuid1(node=0x123456789abc, clock_seq=0x1234).node == 0x123456789abc)
print(uuid.uuid1(clock_seq=0x2345).clock_seq, uuid.uuid1() != uuid.uuid1())
print(uuid.SafeUUID.unknown, u.is_safe)
import copy
import pickle
w = uuid.uuid5(uuid.NAMESPACE_DNS, "example.org")
print(f"{w} {w!r}", copy.copy(w) == w, copy.deepcopy(w) == w, pickle.loads(pickle.dumps(w)) == w)
print(sorted([uuid.UUID(int=5), uuid.UUID(int=2)]), hasattr(w, "__dict__"))
try:
    w < 5
except TypeError as e:
    print("TypeError", e)
