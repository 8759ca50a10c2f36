# evalx's socket module (written for evalx). evalx's sandbox has no network: importing succeeds (so
# scripts that import socket for an optional feature, or only for its constants and address helpers, still
# run), the constants, exception classes and pure address conversions behave as in CPython, and every
# operation that would reach the network or the host's name service raises PermissionError naming the
# sandbox.

import enum as _enum

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


class AddressFamily(_enum.IntEnum):
    AF_UNSPEC = 0
    AF_UNIX = 1
    AF_INET = 2
    AF_INET6 = 10


class SocketKind(_enum.IntEnum):
    SOCK_STREAM = 1
    SOCK_DGRAM = 2
    SOCK_RAW = 3


AddressFamily.__module__ = SocketKind.__module__ = 'socket'
AF_UNSPEC, AF_UNIX, AF_INET, AF_INET6 = (AddressFamily.AF_UNSPEC, AddressFamily.AF_UNIX,
                                         AddressFamily.AF_INET, AddressFamily.AF_INET6)
SOCK_STREAM, SOCK_DGRAM, SOCK_RAW = SocketKind.SOCK_STREAM, SocketKind.SOCK_DGRAM, SocketKind.SOCK_RAW
SOL_SOCKET = 1
SO_REUSEADDR = 2
SO_KEEPALIVE = 9
SO_BROADCAST = 6
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
TCP_NODELAY = 1
SOMAXCONN = 4096
SHUT_RD, SHUT_WR, SHUT_RDWR = 0, 1, 2
INADDR_ANY = 0
AI_PASSIVE = 1
MSG_PEEK = 2
has_ipv6 = True


def _refuse(name):
    raise PermissionError("socket." + name + "() is not available: evalx's sandbox has no network")


class socket(object):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        _refuse("socket")


SocketType = socket


def socketpair(*args, **kwargs):
    _refuse("socketpair")


def create_connection(address, *args, **kwargs):
    _refuse("create_connection")


def create_server(address, *args, **kwargs):
    _refuse("create_server")


def fromfd(*args, **kwargs):
    _refuse("fromfd")


def getaddrinfo(host, port, *args, **kwargs):
    _refuse("getaddrinfo")


def gethostbyname(hostname):
    _refuse("gethostbyname")


def gethostbyname_ex(hostname):
    _refuse("gethostbyname_ex")


def gethostbyaddr(ip):
    _refuse("gethostbyaddr")


def getfqdn(name=''):
    _refuse("getfqdn")


def gethostname():
    _refuse("gethostname")


def getnameinfo(*args):
    _refuse("getnameinfo")


def getservbyname(*args):
    _refuse("getservbyname")


def getdefaulttimeout():
    return None


def setdefaulttimeout(timeout):
    if timeout is not None and timeout < 0:
        raise ValueError("Timeout value out of range")


def _u16(x, name):
    if not isinstance(x, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)
    if x < 0:
        raise OverflowError(name + ": can't convert negative Python int to C 16-bit unsigned integer")
    if x > 0xffff:
        raise OverflowError(name + ": Python int too large to convert to C 16-bit unsigned integer")
    return x


def htons(x):
    x = _u16(x, "htons")
    return ((x & 0xff) << 8) | (x >> 8)


ntohs = htons


def htonl(x):
    if not isinstance(x, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)
    if x < 0:
        raise OverflowError("can't convert negative value to unsigned int")
    if x > 0xffffffff:
        raise OverflowError("int larger than 32 bits")
    return int.from_bytes(x.to_bytes(4, 'big'), 'little')


ntohl = htonl


def inet_aton(text):
    parts = text.split('.')
    try:
        if not 1 <= len(parts) <= 4 or not all(parts):
            raise ValueError
        nums = [int(p, 0) for p in parts]
        last = nums.pop()
        if any(not 0 <= n <= 255 for n in nums) or not 0 <= last < 256 ** (4 - len(nums)):
            raise ValueError
    except ValueError:
        raise OSError("illegal IP address string passed to inet_aton")
    return bytes(nums) + last.to_bytes(4 - len(nums), 'big')


def inet_ntoa(packed):
    packed = bytes(packed)
    if len(packed) != 4:
        raise OSError("packed IP wrong length for inet_ntoa")
    return '.'.join(str(b) for b in packed)


def inet_pton(family, text):
    if family == AF_INET:
        import ipaddress
        try:
            return ipaddress.IPv4Address(text).packed
        except ValueError:
            raise OSError("illegal IP address string passed to inet_pton")
    if family == AF_INET6:
        import ipaddress
        try:
            return ipaddress.IPv6Address(text).packed
        except ValueError:
            raise OSError("illegal IP address string passed to inet_pton")
    raise OSError(97, "Address family not supported by protocol")


def inet_ntop(family, packed):
    import ipaddress
    if family == AF_INET:
        if len(packed) != 4:
            raise ValueError("invalid length of packed IP address string")
        return str(ipaddress.IPv4Address(bytes(packed)))
    if family == AF_INET6:
        if len(packed) != 16:
            raise ValueError("invalid length of packed IP address string")
        return str(ipaddress.IPv6Address(bytes(packed)))
    raise ValueError("unknown address family %d" % family)
