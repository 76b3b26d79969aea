"""Areas of simple shapes."""

PI = 3.14159
_scale = 1


def area(w, h):
    return w * h * _scale


class Square:
    def __init__(self, side):
        self.side = side

    def area(self):
        return area(self.side, self.side)
