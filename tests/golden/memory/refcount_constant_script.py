# A script's constants have one more reference while it runs: CPython keeps the
# parser's arena, which holds every object the parser and the AST optimizer made,
# alive until the module's code has finished. sys.getrefcount(x) - 3 below leaves
# out the global binding, rc's parameter and getrefcount's argument.
import sys
def rc(x):
    return sys.getrefcount(x) - 3
big = 123456789012
huge = 12345678901234567890123
neg = -7.25
half = 2.5
also_half = 2.5
folded = 10.0 + 0.5
shifted = 1 << 40
data = b"ab! x"
pair = (1000, 2.75)
print("int", rc(big), rc(huge))
print("float", rc(neg), rc(half), rc(folded))
print("folded int", rc(shifted))
print("bytes", rc(data))
print("tuple", rc(pair), rc(pair[0]), rc(pair[1]))
def f():
    return 123456789012, 9001.5, (9002.5, 9003.5)
same, own, inner = f()
print("function", rc(same), rc(own), rc(inner), rc(inner[0]))
lam = lambda: 9004.5
print("lambda", rc(lam()) + 1)
class C:
    y = 9005.5
print("class body", rc(C.y) + 1)
class D:
    "a docstring that is longer than twenty characters!"
print("docstring", rc(D.__doc__) + 1)
