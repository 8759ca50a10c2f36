class Shape:
    """Something with an area."""

    sides = 0

    def area(self):
        """The area of the shape."""
        return 0

    def describe(self, unit="cm", *, precise=False):
        """A line naming the shape and its area.

        unit names the unit; precise keeps every digit.
        """
        return f"{self.area()} {unit}"


class Square(Shape):
    """A square of a given side."""

    sides = 4

    def __init__(self, side=1):
        self.side = side

    def area(self):
        return self.side * self.side

    @property
    def perimeter(self):
        """The length of the border."""
        return 4 * self.side

    def _get_side(self):
        return self.side

    def _set_side(self, value):
        self.side = value

    length = property(_get_side, _set_side, doc="The side, read and written.")

    @staticmethod
    def unit():
        """The side every new square gets."""
        return 1

    @classmethod
    def from_area(cls, area):
        """A square with the given area."""
        return cls(area ** 0.5)


def scale(shape, factor=2, *shapes, **options):
    """Scale shapes.

    Every shape grows by factor.
    """
    return factor


sq = Square(3)
