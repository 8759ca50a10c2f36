def make():
    total = 0
    items = []
    def add(x):
        nonlocal total
        total += x
        items.append(x)
        return total
    def get():
        return total, items
    return add, get
add, get = make()
add(3); add(4)
print(get())
def outer():
    x = 1
    def mid():
        def inner():
            nonlocal x
            x += 10
        inner()
        return x
    return mid()
print(outer())
