class Point:
    def __init__(self, x):
        self.x = x

    def scaled(self, k):
        return Point(self.x * k)


def walk(limit):
    total = 0
    for i in range(limit):
        p = Point(i)
        total += p.scaled(2).x
    done = True
    return total


breakpoint()
print(walk(4))
print(walk(3))
