# evalx's locale: the fixed "C" locale (text encoded as UTF-8). A sandboxed program cannot switch the
# process's locale: setlocale accepts the C/POSIX locales (and '' for "the default", which is C here) and
# raises locale.Error for any other; localeconv(), formatting, parsing and collation follow the C locale.
import re

__all__ = ["getlocale", "getdefaultlocale", "getpreferredencoding", "Error", "setlocale", "resetlocale",
           "localeconv", "strcoll", "strxfrm", "str", "atof", "atoi", "format_string", "currency",
           "normalize", "LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_MONETARY", "LC_NUMERIC", "LC_ALL",
           "CHAR_MAX", "getencoding"]

_builtin_str = str

LC_CTYPE = 0
LC_NUMERIC = 1
LC_TIME = 2
LC_COLLATE = 3
LC_MONETARY = 4
LC_MESSAGES = 5
LC_ALL = 6
CHAR_MAX = 127
CODESET = 14
RADIXCHAR = 65536
THOUSEP = 65537

_CATEGORIES = {LC_CTYPE: "LC_CTYPE", LC_NUMERIC: "LC_NUMERIC", LC_TIME: "LC_TIME", LC_COLLATE: "LC_COLLATE",
               LC_MONETARY: "LC_MONETARY", LC_MESSAGES: "LC_MESSAGES"}
_current = {c: "C" for c in _CATEGORIES}
_ACCEPTED = {"": "C", "C": "C", "POSIX": "C", "C.UTF-8": "C.UTF-8", "C.utf8": "C.UTF-8"}


class Error(Exception):
    pass


def setlocale(category, locale=None):
    """Switches a category (or all) to the C locale, or with locale=None says which locale it has."""
    if category != LC_ALL and category not in _CATEGORIES:
        raise Error("invalid locale category")
    if locale is not None and not isinstance(locale, _builtin_str):
        locale = normalize(_build_localename(locale))
    if locale is None:
        if category == LC_ALL:
            values = [_current[c] for c in _CATEGORIES]
            if all(v == values[0] for v in values):
                return values[0]
            return ";".join("%s=%s" % (_CATEGORIES[c], _current[c]) for c in _CATEGORIES)
        return _current[category]
    if locale not in _ACCEPTED:
        raise Error("unsupported locale setting")
    value = _ACCEPTED[locale]
    for c in (_CATEGORIES if category == LC_ALL else (category,)):
        _current[c] = value
    return value


def resetlocale(category=LC_ALL):
    """Puts a category back to the default locale (C)."""
    setlocale(category, "")


def localeconv():
    """The C locale's number and currency conventions, as a dict."""
    return {"int_curr_symbol": "", "currency_symbol": "", "mon_decimal_point": "", "mon_thousands_sep": "",
            "mon_grouping": [], "positive_sign": "", "negative_sign": "", "int_frac_digits": CHAR_MAX,
            "frac_digits": CHAR_MAX, "p_cs_precedes": CHAR_MAX, "p_sep_by_space": CHAR_MAX,
            "n_cs_precedes": CHAR_MAX, "n_sep_by_space": CHAR_MAX, "p_sign_posn": CHAR_MAX,
            "n_sign_posn": CHAR_MAX, "decimal_point": ".", "thousands_sep": "", "grouping": []}


def nl_langinfo(key):
    """One locale fact: CODESET, RADIXCHAR or THOUSEP."""
    if key == CODESET:
        return "UTF-8"
    if key == RADIXCHAR:
        return "."
    if key == THOUSEP:
        return ""
    raise ValueError("unsupported langinfo constant")


def strcoll(a, b):
    """-1, 0 or 1 comparing two strings (by code point in the C locale)."""
    for i, x in enumerate((a, b)):
        if not isinstance(x, _builtin_str):
            raise TypeError("strcoll() argument %d must be str, not %s" % (i + 1, type(x).__name__))
    return (a > b) - (a < b)


def strxfrm(s):
    """A sort key for a string (the string itself in the C locale)."""
    if not isinstance(s, _builtin_str):
        raise TypeError("strxfrm() argument must be str, not %s" % type(s).__name__)
    return s


def _group(s, monetary=False):
    # The C locale has no grouping: nothing to insert.
    return s, 0




def format_string(f, val, grouping=False, monetary=False):
    """`f % val` under the C locale's conventions (no digit grouping, '.' as the decimal point)."""
    return f % val


def currency(val, symbol=True, grouping=False, international=False):
    """A money amount in the locale's style; the C locale has none, so this raises ValueError."""
    conv = localeconv()
    digits = conv[international and "int_frac_digits" or "frac_digits"]
    if digits == 127:
        raise ValueError("Currency formatting is not possible using the 'C' locale.")
    return "%.*f" % (digits, abs(val))


def str(val):
    """A float as text, '%.12g' under the locale's conventions."""
    return format_string("%.12g", val)


def delocalize(string):
    """Number text rewritten in Python's own notation (separators removed, '.' as decimal point)."""
    conv = localeconv()
    ts = conv["thousands_sep"]
    if ts:
        string = string.replace(ts, "")
    dd = conv["decimal_point"]
    if dd:
        string = string.replace(dd, ".")
    return string


def localize(string, grouping=False, monetary=False):
    """Number text rewritten in the locale's notation (unchanged in the C locale)."""
    return string


def atof(string, func=float):
    """func(delocalize(string)): a float by default."""
    return func(delocalize(string))


def atoi(string):
    """int(delocalize(string))."""
    return int(delocalize(string))


def getencoding():
    """The locale's text encoding: 'UTF-8'."""
    return "UTF-8"


def getpreferredencoding(do_setlocale=True):
    """The encoding text files use by default: 'UTF-8'."""
    return "UTF-8"


def _build_localename(localetuple):
    try:
        language, encoding = localetuple
        if language is None:
            language = "C"
        if encoding is None:
            return language
        return language + "." + encoding
    except (TypeError, ValueError):
        raise TypeError("Locale must be None, a string, or an iterable of two strings -- language code, "
                        "encoding.") from None


def normalize(localename):
    """A locale name with its encoding spelled canonically (utf8 -> UTF-8); otherwise unchanged, since
    evalx carries no table of locale aliases."""
    code = localename
    if "." in code:
        lang, _, enc = code.partition(".")
        enc, at, mod = enc.partition("@")
        norm = enc.replace("-", "").replace("_", "").lower()
        if norm == "utf8":
            enc = "UTF-8"
            if lang.lower() == "c":
                lang = "en_US"
        elif norm in ("iso88591", "latin1"):
            enc = "ISO8859-1"
        code = lang + "." + enc + at + mod
    return code


def getlocale(category=LC_CTYPE):
    """(language, encoding) of a category's locale: (None, None) for C."""
    if category == LC_ALL:
        raise TypeError("category LC_ALL is not supported")
    value = _current[category]
    if value == "C":
        return None, None
    lang, _, enc = value.partition(".")
    return lang, enc or None


def getdefaultlocale(envvars=("LC_ALL", "LC_CTYPE", "LANG", "LANGUAGE")):
    """(language, encoding) from the environment: (None, None), the sandbox's C locale (deprecated)."""
    import warnings
    warnings.warn("Use setlocale(), getencoding() and getlocale() instead", DeprecationWarning, stacklevel=2)
    return None, None
