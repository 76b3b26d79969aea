import weakref
class Adder:
    def __call__(self, a, b):
        return a + b
a = Adder()
p = weakref.proxy(a)
print(type(p) is weakref.CallableProxyType)
print(p(2, 3))
def f(x):
    return x * 3
pf = weakref.proxy(f)
print(pf(4))
del a
try:
    p(1, 2)
except ReferenceError as e:
    print(e)
try:
    hash(pf)
except TypeError as e:
    print(e)
