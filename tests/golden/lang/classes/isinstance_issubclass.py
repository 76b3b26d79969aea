class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, (C, A)), isinstance(b, C))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, object)))
print(type(b) is B, type(b).__name__, b.__class__.__name__)
print(B.__bases__[0].__name__, A.__bases__[0].__name__)
try:
    isinstance(b, 3)
except TypeError as e:
    print(e)
