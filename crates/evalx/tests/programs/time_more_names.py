# time's CPU clocks, clock_gettime/clock_getres, get_clock_info and strptime.
import time

for name in ['time', 'monotonic', 'perf_counter', 'process_time', 'thread_time']:
    info = time.get_clock_info(name)
    print(name, info.implementation, info.monotonic, info.adjustable, info.resolution)
print(time.get_clock_info('thread_time'))
for bad in ['nope', 3]:
    try:
        time.get_clock_info(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

a = time.process_time()
n = sum(i * i for i in range(20000))
b = time.process_time()
print(type(a).__name__, b >= a, type(time.process_time_ns()).__name__, time.process_time_ns() > 0)
print(type(time.thread_time()).__name__, time.thread_time_ns() >= 0)
print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_PROCESS_CPUTIME_ID, time.CLOCK_THREAD_CPUTIME_ID)
print(time.clock_getres(time.CLOCK_MONOTONIC), time.clock_getres(time.CLOCK_REALTIME))
m1 = time.clock_gettime(time.CLOCK_MONOTONIC)
m2 = time.clock_gettime(time.CLOCK_MONOTONIC)
print(m2 >= m1, type(time.clock_gettime_ns(time.CLOCK_REALTIME)).__name__)
print(abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 5)
try:
    time.clock_gettime(12345)
except OSError as e:
    print('OSError', e.errno, e)

print(time.strptime('2024-03-05 10:20:30', '%Y-%m-%d %H:%M:%S'))
print(time.strptime('Tue Mar  5 10:20:30 2024'))
t = time.strptime('31/12/99 11:59 PM', '%d/%m/%y %I:%M %p')
print(tuple(t), t.tm_yday, t.tm_wday, t.tm_isdst)
print(time.strftime('%Y-%m-%d', time.strptime('2000-02-29', '%Y-%m-%d')))
for data, fmt in [('2024-13-01', '%Y-%m-%d'), ('2024-01-01 junk', '%Y-%m-%d'), ('x', '%Q')]:
    try:
        time.strptime(data, fmt)
    except ValueError as e:
        print('ValueError:', e)
try:
    time.strptime(5)
except TypeError as e:
    print('TypeError:', e)
