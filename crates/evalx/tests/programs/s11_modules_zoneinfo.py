# zoneinfo with datetime: offsets, DST, folds and gaps, conversions.
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones
import zoneinfo

paris = ZoneInfo("Europe/Paris")
print(repr(paris), str(paris), paris.key, ZoneInfo("Europe/Paris") is paris)
print(issubclass(ZoneInfoNotFoundError, KeyError))
for key in ("Nowhere/Land", "Europe/Nowhere"):
    try:
        ZoneInfo(key)
    except ZoneInfoNotFoundError as e:
        print("ZoneInfoNotFoundError", e)

def show(dt):
    print(dt.isoformat(), dt.tzname(), dt.utcoffset(), dt.dst(), dt.fold)

show(datetime(2024, 1, 15, 12, 0, tzinfo=paris))
show(datetime(2024, 7, 15, 12, 0, tzinfo=paris))
ny = ZoneInfo("America/New_York")
show(datetime(2024, 7, 4, 9, 30, tzinfo=ny))
show(datetime(2024, 12, 25, 9, 30, tzinfo=ny))
# the fold: 01:30 happens twice on 2024-11-03 in New York
show(datetime(2024, 11, 3, 1, 30, tzinfo=ny))
show(datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=ny))
# the gap: 02:30 never happens on 2024-03-10
show(datetime(2024, 3, 10, 2, 30, tzinfo=ny))
show(datetime(2024, 3, 10, 2, 30, fold=1, tzinfo=ny))

# conversions
utc = datetime(2024, 3, 31, 0, 30, tzinfo=timezone.utc)
for h in range(4):
    t = (utc + timedelta(hours=h)).astimezone(paris)
    print(t, t.tzname(), t.fold)
u = datetime(2024, 11, 3, 5, 30, tzinfo=timezone.utc)
for h in range(3):
    t = (u + timedelta(hours=h)).astimezone(ny)
    print(t, t.tzname(), t.fold, t.astimezone(timezone.utc))
tokyo = ZoneInfo("Asia/Tokyo")
d = datetime(2024, 6, 1, 9, 0, tzinfo=tokyo)
print(d.astimezone(ny), d.astimezone(ZoneInfo("UTC")), d.astimezone(ZoneInfo("Asia/Kolkata")))
print(datetime(2024, 6, 1, 12, tzinfo=paris) - datetime(2024, 6, 1, 12, tzinfo=ny))
print(datetime(1999, 12, 31, 23, 59, tzinfo=ZoneInfo("Australia/Sydney")).strftime("%Y-%m-%d %H:%M %Z %z"))
print(datetime.fromtimestamp(1700000000, tz=ZoneInfo("Europe/London")))
print(ZoneInfo("Asia/Kathmandu").utcoffset(datetime(2024, 1, 1)), ZoneInfo("UTC").dst(datetime(2024, 1, 1)))
print(ZoneInfo("Europe/Paris").utcoffset(None), ZoneInfo("Europe/Paris").tzname(None))
tz = available_timezones()
print(type(tz).__name__, "Europe/Paris" in tz, "America/New_York" in tz, "Nowhere/Land" in tz, len(tz) > 300)
print(ZoneInfo.no_cache("Europe/Paris") is paris, ZoneInfo.no_cache("Europe/Paris") == paris)
try:
    ZoneInfo("/etc/localtime")
except ValueError as e:
    print("ValueError", e)
