# The same method called twice on one line with different arguments: the caret is under the second.
class Box:
    def get(self, key):
        return {"a": 1}[key]


b = Box()
print(b.get("a") + b.get("zz"))
