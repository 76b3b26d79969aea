# type_new appends __dict__, __weakref__ and then __doc__ after the body's names.
class A:
    pass


class B:
    x = 1

    def f(self):
        pass


class C:
    "A docstring."
    y = 2


print(list(A.__dict__))
print(list(B.__dict__))
print(list(C.__dict__))
for base in (int, list, dict, tuple, str, float, set, frozenset, Exception, ValueError, object):
    class Sub(base):
        pass
    print(base.__name__, list(Sub.__dict__))
