import calendar
print(calendar.isleap(2024), calendar.isleap(1900), calendar.leapdays(1900, 2024), calendar.weekday(2024, 2, 29), calendar.monthrange(2024, 2), calendar.monthrange(2023, 12))
print(calendar.month(2024, 2))
print(calendar.month(2023, 7, w=3, l=2))
print(calendar.calendar(2024))
print(calendar.monthcalendar(2024, 3))
print(list(calendar.month_name), list(calendar.day_abbr), calendar.month_abbr[12], calendar.day_name[0])
cal = calendar.Calendar(firstweekday=6)
print(list(cal.iterweekdays()), cal.monthdayscalendar(2024, 1)[:2], list(cal.itermonthdates(2024, 1))[:3], list(cal.itermonthdays2(2024, 1))[:8])
print(list(calendar.Calendar().itermonthdays4(2024, 1))[:2])
tc = calendar.TextCalendar(calendar.SUNDAY)
print(tc.formatmonth(2025, 12))
print(calendar.HTMLCalendar().formatmonth(2024, 2))
print(calendar.HTMLCalendar(calendar.SUNDAY).formatyear(2024, width=4)[:600])
print(calendar.timegm((2024, 1, 1, 12, 30, 0)), calendar.weekheader(3), calendar.firstweekday())
for f in [lambda: calendar.monthrange(2024, 13), lambda: calendar.setfirstweekday(9)]:
    try:
        f()
    except ValueError as e:
        print(type(e).__name__, e)
calendar.prmonth(2000, 1)
calendar.prcal(2001, m=4)
