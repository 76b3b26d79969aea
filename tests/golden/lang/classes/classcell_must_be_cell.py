# A class body that binds __classcell__ to something other than a cell makes
# type.__new__ raise TypeError.
try:
    class C:
        __classcell__ = 5
except TypeError as e:
    print(e)

try:
    class D:
        __classcell__ = "cell"

        def f(self):
            return 1
except TypeError as e:
    print(e)
