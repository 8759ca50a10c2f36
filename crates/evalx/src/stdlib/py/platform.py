# evalx's platform: a fixed, sandbox-safe identity. A program in evalx's sandbox learns nothing about the
# host machine from it: the system is "Linux" (as sys.platform says "linux"), the implementation "CPython"
# (evalx follows CPython 3.11's semantics and sys.version_info), the version from sys.version_info, and
# every host detail (node name, kernel release and version, machine, processor, libc) is the empty string,
# which is what CPython reports when it cannot determine a value.
import sys
import collections

__all__ = ["architecture", "machine", "node", "platform", "processor", "python_build", "python_compiler",
           "python_branch", "python_implementation", "python_revision", "python_version",
           "python_version_tuple", "release", "system", "system_alias", "uname", "version", "libc_ver",
           "mac_ver", "win32_ver", "win32_edition", "win32_is_iot", "java_ver", "freedesktop_os_release"]

_SYSTEM = "Linux"


class uname_result(collections.namedtuple("uname_result", "system node release version machine")):
    """uname()'s result: a named tuple of five fields whose sixth, 'processor', is
    resolved late (and is '' in the sandbox)."""

    _fields = ("system", "node", "release", "version", "machine", "processor")

    @property
    def processor(self):
        return processor()


def uname():
    """(system, node, release, version, machine): the sandbox's fixed identity."""
    return uname_result(_SYSTEM, "", "", "", "")


def system():
    """The operating system's name: 'Linux' in the sandbox."""
    return uname().system


def node():
    """The host's name: '' in the sandbox."""
    return uname().node


def release():
    """The kernel release: '' in the sandbox."""
    return uname().release


def version():
    """The kernel version: '' in the sandbox."""
    return uname().version


def machine():
    """The hardware type: '' in the sandbox."""
    return uname().machine


def processor():
    """The processor's name: '' in the sandbox."""
    return ""


def architecture(executable=sys.executable if hasattr(sys, "executable") else "", bits="", linkage=""):
    """(bits, linkage). No executable is inspected in the sandbox: bits follow sys.maxsize, linkage is ''."""
    if not bits:
        bits = "64bit" if sys.maxsize > 2 ** 32 else "32bit"
    return bits, linkage


def _version_parts():
    v = sys.version_info
    return str(v[0]), str(v[1]), str(v[2])


def python_implementation():
    """'CPython': the language evalx follows."""
    return "CPython"


def python_version():
    """sys.version_info's first three fields joined with dots."""
    return ".".join(_version_parts())


def python_version_tuple():
    """sys.version_info's first three fields, as strings."""
    return _version_parts()


def python_branch():
    """The source branch: ''."""
    return ""


def python_revision():
    """The source revision: ''."""
    return ""


def python_build():
    """(build, date) of the interpreter: ('evalx', '')."""
    return ("evalx", "")


def python_compiler():
    """What built the interpreter."""
    return "evalx (Rust)"


def system_alias(system, release, version):
    """(system, release, version), unchanged: the sandbox's system needs no alias."""
    return system, release, version


def _join(*parts):
    out = "-".join(p.strip() for p in parts if p and p.strip())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def platform(aliased=0, terse=0):
    """The platform as one string (system-release-machine without the empty parts): 'Linux' here."""
    u = uname()
    if terse:
        return _join(u.system, u.release)
    return _join(u.system, u.release, u.machine)


def libc_ver(executable=None, lib="", version="", chunksize=16384):
    """(lib, version) of the C library: the given defaults, since nothing is inspected."""
    return lib, version


def mac_ver(release="", versioninfo=("", "", ""), machine=""):
    """macOS version details: the given defaults (this is not macOS)."""
    return release, versioninfo, machine


def win32_ver(release="", version="", csd="", ptype=""):
    """Windows version details: the given defaults (this is not Windows)."""
    return release, version, csd, ptype


def win32_edition():
    return None


def win32_is_iot():
    return False


def java_ver(release="", vendor="", vminfo=("", "", ""), osinfo=("", "", "")):
    """Java version details: the given defaults."""
    return release, vendor, vminfo, osinfo


def freedesktop_os_release():
    """The os-release fields: the sandbox reads no host files, so this raises OSError (as when neither
    os-release file exists)."""
    raise OSError("Unable to read files /etc/os-release, /usr/lib/os-release")
