class Shape:
    """A shape."""

    def area(self):
        return 0


def helper(a,
           b=2):
    # add them
    return a + b


s = Shape()
breakpoint()
print(helper(1))
