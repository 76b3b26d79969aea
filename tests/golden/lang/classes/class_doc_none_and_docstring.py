# A class without a docstring has __doc__ None in its own dict; a docstring is kept.
class A:
    pass


class D:
    """Documented."""


class E(D):
    pass


print(A.__doc__, A().__doc__, A.__dict__["__doc__"])
print(D.__doc__, D().__doc__)
print(E.__doc__, "__doc__" in E.__dict__)
