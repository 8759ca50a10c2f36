class Point:
    """A point."""
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def norm2(self):
        return self.x ** 2 + self.y ** 2
p = Point(1, 2)
q = Point(3, 4)
print(p, p + q, p == Point(1, 2), p != q, p < q, sorted([q, p]), p.norm2(), Point.count, Point.__doc__)
print(str(p), [p], hasattr(p, "x"), getattr(p, "z", None), type(p).__name__, isinstance(p, Point))
setattr(p, "z", 5); print(p.z, vars(p) if False else sorted(p.__dict__))
print(Point.__name__, p.__class__.__name__, Point.norm2(q))
