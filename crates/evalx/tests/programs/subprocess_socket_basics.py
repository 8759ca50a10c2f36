# subprocess and socket: what behaves the same without processes or a network (constants, exceptions,
# CompletedProcess, address conversions). evalx refuses the calls themselves (tests/sandboxed_modules.rs).
import socket
import subprocess

print(subprocess.PIPE, subprocess.STDOUT, subprocess.DEVNULL)
for e in (subprocess.CalledProcessError(2, ["ls", "x"]), subprocess.CalledProcessError(1, "cmd", output=b"o"),
          subprocess.TimeoutExpired("sleep 9", 5), subprocess.TimeoutExpired(["a"], 0.5, output="x")):
    print(type(e).__name__, str(e), e.cmd, e.stdout, e.stderr, isinstance(e, subprocess.SubprocessError))
cp = subprocess.CompletedProcess(["echo", "hi"], 0, "hi\n")
print(cp, cp.returncode, cp.stdout)
cp.check_returncode()
bad = subprocess.CompletedProcess("false", 1, None, b"err")
print(repr(bad))
try:
    bad.check_returncode()
except subprocess.CalledProcessError as e:
    print("CalledProcessError:", e, e.stderr)
print(subprocess.list2cmdline(["a b", 'say "hi"', "back\\slash", ""]))

print(socket.AF_INET, socket.AF_INET6, socket.SOCK_STREAM, socket.SOCK_DGRAM, repr(socket.AF_INET), repr(socket.SOCK_STREAM))
print(socket.SOL_SOCKET, socket.SO_REUSEADDR, socket.IPPROTO_TCP, socket.SHUT_RDWR, socket.SOMAXCONN)
print(socket.error is OSError, socket.timeout is TimeoutError, issubclass(socket.gaierror, OSError))
print(socket.inet_aton("10.0.0.1"), socket.inet_aton("127.1"), socket.inet_ntoa(b"\xc0\xa8\x01\x02"))
print(socket.htons(1), socket.ntohs(0x1234), socket.htonl(1), socket.ntohl(0x01020304))
print(socket.inet_pton(socket.AF_INET6, "::1"), socket.inet_ntop(socket.AF_INET, b"\x01\x02\x03\x04"))
for f, a in ((socket.inet_aton, ("300.1.1.1",)), (socket.inet_ntoa, (b"\x01",)), (socket.htons, (-1,)),
             (socket.htons, (70000,))):
    try:
        f(*a)
    except (OSError, OverflowError) as e:
        print(type(e).__name__, e)
print(socket.getdefaulttimeout())
