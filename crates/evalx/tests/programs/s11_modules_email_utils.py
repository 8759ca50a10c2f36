# email.utils as scripts use it: addresses and RFC 2822 dates.
from email.utils import (formataddr, parseaddr, getaddresses, quote, unquote, formatdate,
                         format_datetime, parsedate, parsedate_tz, parsedate_to_datetime)
import email.utils
from datetime import datetime, timezone, timedelta

for a in ["John Doe <john@example.com>", "john@example.com", '"Doe, John" <j@x.org>',
          "j@x.org (John Smith)", "<bare@x.org>", "Ann  Lee   <ann@x.org>", "", '"A \\"q\\" B" <q@x.org>']:
    print(repr(a), parseaddr(a))
print(getaddresses(["a@x.org, Bob <b@x.org>", '"Doe, J" <j@x.org>, c@y.org (Cee)']))
for p in [("John Doe", "john@example.com"), ("", "a@b.c"), ("Doe, John", "j@x.org"), ('Say "hi"', "h@x.org"),
          ("Zoë", "z@x.org"), ("J. R.", "jr@x.org")]:
    print(formataddr(p))
print(quote('a"b\\c'), unquote('"a\\"b"'), unquote("<x@y>"), unquote("plain"))

print(formatdate(1700000000), formatdate(1700000000, usegmt=True))
print(format_datetime(datetime(2024, 2, 29, 8, 5, 9)))
print(format_datetime(datetime(2024, 2, 29, 8, 5, 9, tzinfo=timezone(timedelta(hours=5, minutes=30)))))
print(format_datetime(datetime(2024, 2, 29, 8, 5, 9, tzinfo=timezone.utc), usegmt=True))
for s in ["Mon, 20 Nov 2023 22:13:20 +0100", "Tue, 01 Jan 2030 00:00:00 -0000", "20 Nov 2023 22:13:20 GMT",
          "Sun, 3 Mar 99 1:02 EST", "Fri, 09 Feb 2024 10:00:00 -0830"]:
    print(parsedate_tz(s), parsedate(s))
    d = parsedate_to_datetime(s)
    print(repr(d), d.utcoffset())
try:
    parsedate_to_datetime("not a date")
except ValueError as e:
    print("ValueError", e)
print(email.utils.parsedate_tz("garbage"))
