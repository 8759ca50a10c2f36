people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted([3.5, 1, 2.25, -1]), sorted(["b", "A", "a", "B"]), sorted([[2, 1], [1, 2], [1]]))
class S:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return f"S{self.v}"
print(sorted([S(3), S(1), S(2)]), min(S(5), S(4)), max([S(1), S(9)]))
