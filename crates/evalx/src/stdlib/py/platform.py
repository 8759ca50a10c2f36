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
    """Fairly portable uname interface: (system, node, release, version, machine), with a fixed identity
    in evalx's sandbox."""
    return uname_result(_SYSTEM, "", "", "", "")


def system():
    """Returns the system/OS name, e.g. 'Linux', 'Windows', or 'Java'."""
    return uname().system


def node():
    """Returns the computer's network name ('' in the sandbox)."""
    return uname().node


def release():
    """Returns the system's release ('' in the sandbox)."""
    return uname().release


def version():
    """Returns the system's release version ('' in the sandbox)."""
    return uname().version


def machine():
    """Returns the machine type ('' in the sandbox)."""
    return uname().machine


def processor():
    """Returns the (true) processor name ('' in the sandbox)."""
    return ""


def architecture(executable=sys.executable if hasattr(sys, "executable") else "", bits="", linkage=""):
    """Queries the given executable for various architecture information: (bits, linkage). In the sandbox
    no executable is inspected: bits come from the size of a pointer (sys.maxsize), linkage is ''."""
    if not bits:
        bits = "64bit" if sys.maxsize > 2 ** 32 else "32bit"
    return bits, linkage


def _version_parts():
    v = sys.version_info
    return str(v[0]), str(v[1]), str(v[2])


def python_implementation():
    """Returns a string identifying the Python implementation."""
    return "CPython"


def python_version():
    """Returns the Python version as string 'major.minor.patchlevel'."""
    return ".".join(_version_parts())


def python_version_tuple():
    """Returns the Python version as tuple (major, minor, patchlevel) of strings."""
    return _version_parts()


def python_branch():
    """Returns a string identifying the Python implementation branch ('' here)."""
    return ""


def python_revision():
    """Returns a string identifying the Python implementation revision ('' here)."""
    return ""


def python_build():
    """Returns a tuple (buildno, builddate) stating the Python build number and date as strings."""
    return ("evalx", "")


def python_compiler():
    """Returns a string identifying the compiler used for compiling Python."""
    return "evalx (Rust)"


def system_alias(system, release, version):
    """Returns (system, release, version) aliased to common marketing names used for some systems."""
    return system, release, version


def _join(*parts):
    out = "-".join(p.strip() for p in parts if p and p.strip())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def platform(aliased=0, terse=0):
    """Returns a single string identifying the underlying platform: 'Linux' in the sandbox."""
    u = uname()
    if terse:
        return _join(u.system, u.release)
    return _join(u.system, u.release, u.machine)


def libc_ver(executable=None, lib="", version="", chunksize=16384):
    """Tries to determine the libc version: (lib, version); nothing is inspected in the sandbox."""
    return lib, version


def mac_ver(release="", versioninfo=("", "", ""), machine=""):
    """Get macOS version information: the defaults on a non-macOS system."""
    return release, versioninfo, machine


def win32_ver(release="", version="", csd="", ptype=""):
    """Get additional version information from the Windows Registry: the defaults off Windows."""
    return release, version, csd, ptype


def win32_edition():
    return None


def win32_is_iot():
    return False


def java_ver(release="", vendor="", vminfo=("", "", ""), osinfo=("", "", "")):
    """Version interrogation for Jython: the defaults off Java."""
    return release, vendor, vminfo, osinfo


def freedesktop_os_release():
    """Return operation system identification from freedesktop.org os-release; the sandbox reads no host
    files, so it raises OSError as CPython does when neither file exists."""
    raise OSError("Unable to read files /etc/os-release, /usr/lib/os-release")
