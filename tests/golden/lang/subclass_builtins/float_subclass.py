# A float subclass converts and computes like a float.
class Celsius(float):
    def to_f(self):
        return self * 9 / 5 + 32


c = Celsius("21.5")
print(c, c.to_f(), c + 1, type(c + 1).__name__, float(c), round(c))
