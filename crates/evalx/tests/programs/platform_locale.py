import locale
import platform
import sys

u = platform.uname()
print(type(u).__name__, u._fields, u.system, isinstance(u.processor, str))
print(platform.system(), all(isinstance(f(), str) for f in (platform.node, platform.release, platform.version,
                                                                platform.machine, platform.processor, platform.platform)))
print(platform.python_version() == "%d.%d.%d" % sys.version_info[:3], platform.python_version_tuple()[:2])
print(platform.python_implementation(), platform.architecture()[0], platform.platform().startswith("Linux"))
print(type(platform.python_build()).__name__, len(platform.python_build()), type(platform.python_compiler()).__name__)
print(platform.mac_ver(), platform.win32_ver(), platform.java_ver())
print(platform.system_alias("Linux", "1", "2"), platform.win32_is_iot(), platform.win32_edition())
print(type(platform.libc_ver()).__name__, len(platform.libc_ver()))

print(locale.setlocale(locale.LC_NUMERIC), locale.setlocale(locale.LC_NUMERIC, "C"), locale.getlocale(locale.LC_NUMERIC))
print(locale.localeconv()["decimal_point"], locale.localeconv()["grouping"], sorted(locale.localeconv()))
print(locale.format_string("%d items at %.2f", (1234567, 3.14159), grouping=True), locale.format_string("%s", "x"))
print(locale.str(3.14159265358979), locale.str(1e20), locale.atof("1234.5"), locale.atoi("42"), locale.delocalize("1.5"))
print(locale.strcoll("a", "b"), locale.strcoll("b", "a"), locale.strcoll("a", "a"), locale.strxfrm("abc"))
print(sorted(["b", "C", "a"], key=locale.strxfrm), locale.getpreferredencoding(False), locale.getencoding())
print(locale.LC_ALL, locale.LC_CTYPE, locale.LC_NUMERIC, locale.CHAR_MAX, issubclass(locale.Error, Exception))
print(locale.normalize("en_US.utf8"), locale.normalize("C.UTF-8"))
for bad in (("xx_NOPE.UTF-8",), ):
    try:
        locale.setlocale(locale.LC_NUMERIC, *bad)
    except locale.Error as e:
        print("Error", e)
try:
    locale.currency(5)
except ValueError as e:
    print("ValueError", e)
try:
    locale.strcoll("a", 1)
except TypeError as e:
    print("TypeError", e)
try:
    locale.atoi("1.5")
except ValueError as e:
    print("ValueError", e)
try:
    locale.getlocale(locale.LC_ALL)
except TypeError as e:
    print("TypeError", e)
