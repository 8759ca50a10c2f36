# time and datetime calendars in the local timezone (UTC unless the host sets another).
import time, datetime
for t in (0, 86399, 951782400, 1700000000.75, -1, -86401, 4102444800, 1234567890):
    g = time.gmtime(t)
    print(g, g.tm_zone, g.tm_gmtoff, tuple(g) == tuple(time.localtime(t)))
    print(time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %I %p %y %w %u %% %Z', g), time.asctime(g), time.ctime(t))
    print(time.mktime(time.localtime(t)), datetime.datetime.fromtimestamp(t), datetime.date.fromtimestamp(t))
print(time.timezone, time.altzone, time.daylight, time.tzname)
print(time.struct_time((2020, 1, 2, 3, 4, 5, 3, 2, 0)))
d = datetime.datetime(2020, 5, 17, 12, 30)
print(d.timestamp(), d.astimezone(), datetime.datetime.fromtimestamp(d.timestamp()) == d)
