class Counter:
    def __init__(self):
        self.counts = {}

    def add(self, key):
        self.counts[key] += 1

c = Counter()
c.add("x")
