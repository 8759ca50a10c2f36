import datetime as _dt
import time as _time
import base64 as _b64

__all__ = ["formataddr", "parseaddr", "getaddresses", "quote", "unquote", "formatdate",
           "format_datetime", "parsedate", "parsedate_tz", "parsedate_to_datetime", "mktime_tz",
           "localtime", "make_msgid"]

_SPECIALS = '()<>@,:;.\\"[]'
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_ZONES = {"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "AST": -400, "ADT": -300, "EST": -500, "EDT": -400,
          "CST": -600, "CDT": -500, "MST": -700, "MDT": -600, "PST": -800, "PDT": -700}


def quote(str):
    return str.replace("\\", "\\\\").replace('"', '\\"')


def unquote(str):
    if len(str) > 1:
        if str.startswith('"') and str.endswith('"'):
            return str[1:-1].replace("\\\\", "\\").replace('\\"', '"')
        if str.startswith("<") and str.endswith(">"):
            return str[1:-1]
    return str


def formataddr(pair, charset="utf-8"):
    name, address = pair
    address.encode("ascii")
    if not name:
        return address
    try:
        name.encode("ascii")
    except UnicodeEncodeError:
        raw = name.encode(charset)
        b = _b64.b64encode(raw).decode("ascii")
        q = "".join(chr(c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or chr(c) in "-!*+/")
                    else "_" if c == 32 else "=%02X" % c for c in raw)
        word = ("b?" + b) if len(b) < len(q) else ("q?" + q)
        return "=?" + charset + "?" + word + "?= <" + address + ">"
    if any(c in _SPECIALS for c in name):
        return '"' + quote(name) + '" <' + address + ">"
    return name + " <" + address + ">"


def _split_fields(text):
    # Splits at commas outside quotes, angle brackets and comments.
    out, cur, quoted, depth, angle, i = [], [], False, 0, False, 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur.append(text[i:i + 2])
            i += 2
            continue
        if quoted:
            quoted = c != '"'
        elif c == '"':
            quoted = True
        elif c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif c == "<" and not depth:
            angle = True
        elif c == ">" and not depth:
            angle = False
        elif c == "," and not depth and not angle:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def _parse_one(text):
    text = text.strip()
    if not text:
        return None
    comments, rest, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == '"':
            j = i + 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            rest.append(text[i:j + 1])
            i = j + 1
        elif c == "(":
            depth, j = 1, i + 1
            while j < len(text) and depth:
                if text[j] == "(":
                    depth += 1
                elif text[j] == ")":
                    depth -= 1
                j += 1
            comments.append(text[i + 1:j - 1])
            i = j
        else:
            rest.append(c)
            i += 1
    body = "".join(rest).strip()
    lt = body.rfind("<")
    if lt >= 0:
        gt = body.find(">", lt)
        if gt < 0:
            return None
        addr = body[lt + 1:gt].strip()
        name = body[:lt].strip()
        if name.startswith('"') and name.endswith('"') and len(name) > 1:
            name = unquote(name)
        elif not name and comments:
            name = comments[0]
        return (" ".join(name.split()) if not name.startswith('"') else name, addr)
    addr = "".join(body.split())
    return (comments[0] if comments else "", addr)


def parseaddr(addr):
    if not isinstance(addr, str):
        addr = str(addr)
    fields = _split_fields(addr)
    for f in fields:
        r = _parse_one(f)
        if r is not None:
            return r
    return ("", "")


def getaddresses(fieldvalues):
    out = []
    for v in fieldvalues:
        for f in _split_fields(str(v)):
            r = _parse_one(f)
            if r is not None:
                out.append(r)
    return out


def _format(t, zone):
    return "%s, %02d %s %04d %02d:%02d:%02d %s" % (
        _DAYS[t[6]], t[2], _MONTHS[t[1] - 1].capitalize(), t[0], t[3], t[4], t[5], zone)


def format_datetime(dt, usegmt=False):
    t = dt.timetuple()
    if usegmt:
        if dt.tzinfo is None or dt.tzinfo != _dt.timezone.utc:
            raise ValueError("usegmt option requires a UTC datetime")
        zone = "GMT"
    elif dt.tzinfo is None:
        zone = "-0000"
    else:
        zone = dt.strftime("%z")
    return _format(t, zone)


def formatdate(timeval=None, localtime=False, usegmt=False):
    if timeval is None:
        timeval = _time.time()
    if localtime or usegmt:
        dt = _dt.datetime.fromtimestamp(timeval, _dt.timezone.utc)
    else:
        dt = _dt.datetime.utcfromtimestamp(timeval)
    if localtime:
        dt = dt.astimezone()
        usegmt = False
    return format_datetime(dt, usegmt)


def _num(s):
    return int(s) if s.isdigit() else None


def parsedate_tz(data):
    t = _parsedate_tz(data)
    if t is None or t[9] is not None:
        return t
    return t[:9] + (0,)


def _parsedate_tz(data):
    if not data:
        return None
    parts = data.replace(",", " ").split()
    if parts and parts[0].lower()[:3] in [d.lower() for d in _DAYS]:
        parts = parts[1:]
    if len(parts) < 4:
        return None
    d, m, y, tm = parts[0], parts[1], parts[2], parts[3]
    tz = parts[4] if len(parts) > 4 else None
    if m.lower()[:3] not in _MONTHS:
        d, m = m, d
        if m.lower()[:3] not in _MONTHS:
            return None
    mon = _MONTHS.index(m.lower()[:3]) + 1
    day, year = _num(d), _num(y)
    if day is None or year is None:
        return None
    if year < 100:
        year += 1900 if year > 68 else 2000
    hms = tm.split(":")
    if len(hms) == 2:
        hms.append("0")
    if len(hms) != 3 or not all(p.isdigit() for p in hms):
        return None
    hh, mm, ss = (int(p) for p in hms)
    off = None
    if tz is not None:
        z = tz.upper()
        if z in _ZONES:
            off = _ZONES[z]
        elif z[:1] in "+-" and z[1:].isdigit():
            off = int(z)
            if z == "-0000":
                off = None
            elif z[1:] == "0000":
                off = 0
        if off is not None:
            sign = -1 if off < 0 else 1
            off = sign * ((abs(off) // 100) * 3600 + (abs(off) % 100) * 60)
    return (year, mon, day, hh, mm, ss, 0, 1, -1, off)


def parsedate(data):
    t = parsedate_tz(data)
    return None if t is None else t[:9]


def parsedate_to_datetime(data):
    t = _parsedate_tz(data)
    if t is None:
        raise ValueError('Invalid date value or format "%s"' % str(data))
    *dtuple, tz = t
    if tz is None:
        return _dt.datetime(*dtuple[:6])
    return _dt.datetime(*dtuple[:6], tzinfo=_dt.timezone(_dt.timedelta(seconds=tz)))


def mktime_tz(data):
    if data[9] is None:
        return _time.mktime(data[:8] + (-1,))
    import calendar
    return calendar.timegm(data) - data[9]


def localtime(dt=None, isdst=-1):
    if dt is None:
        return _dt.datetime.now(_dt.timezone.utc).astimezone()
    if dt.tzinfo is not None:
        return dt.astimezone()
    return dt.astimezone()


def make_msgid(idstring=None, domain=None):
    import random
    ts = int(_time.time() * 100)
    idstring = "" if idstring is None else "." + idstring
    if domain is None:
        domain = "localhost"
    return "<%d.%d.%d%s@%s>" % (ts, 1, random.getrandbits(64), idstring, domain)
