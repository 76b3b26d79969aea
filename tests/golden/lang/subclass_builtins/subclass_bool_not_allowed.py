# bool cannot be subclassed; two built-in layouts cannot be combined.
try:
    class B(bool):
        pass
except TypeError as e:
    print(e)
try:
    class X(list, dict):
        pass
except TypeError as e:
    print(e)
class Y(int, list):
    pass
