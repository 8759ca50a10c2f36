import heapq
for v in [5, 1, 8, 3, 2, 9]: heapq.heappush(h, v)
print(h, [heapq.heappop(h) for _ in range(3)], h)
l = [9, 4, 7, 1, 0, 3]; heapq.heapify(l); print(l)
print(heapq.nlargest(2, [1, 5, 3]), heapq.nsmallest(2, [4, 1, 3], key=lambda v: -v), list(heapq.merge([1, 4], [2, 3])))
print(heapq.heappushpop([1, 2], 0), heapq.heapreplace([1, 2], 5))
try: heapq.heappop([])
except IndexError as e: print(e)
try: heapq.heappush(1, 2)
except TypeError as e: print(e)
import bisect
a = [1, 2, 2, 3]
tasks = []
for pri, name in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'a2')]:
    heapq.heappush(tasks, (pri, name))
print([heapq.heappop(tasks) for _ in range(4)])
data = [5, 3, 8, 1, 9, 2, 7]
heapq.heapify(data)
print(data, heapq.nsmallest(3, data), heapq.nlargest(3, data))
print(list(heapq.merge([1, 3, 5], [2, 4, 6], [0])), list(heapq.merge([5, 3], [4, 1], reverse=True)))
print(list(heapq.merge(['a', 'ccc'], ['bb'], key=len)))
try:
    heapq.heappush([1], 'x')
except TypeError as e:
    print(e)
try:
    heapq.heapify()
except TypeError as e:
    print(e)
