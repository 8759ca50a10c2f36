# help() on user functions and bound methods (whose docs are the program's own), built-in names that are not
# there, and help's return value.


def scale(shape, factor=2, *shapes, key=None, **options):
    """Scale shapes.

    Every shape grows by factor.
    """
    return factor


class Shape:
    def describe(self, unit="cm", *, precise=False):
        """A line naming the shape.

        unit names the unit.
        """
        return unit

    def bare(self):
        return 0


r = help(scale)
print(r)
help(Shape.describe)
help(Shape().describe)
help(Shape().bare)
help(lambda x: x)


class Square(Shape):
    def describe(self, unit="m", *, precise=False):
        return unit


# An override without a docstring shows the docstring it overrides, as inspect.getdoc finds it.
help(Square().describe)
