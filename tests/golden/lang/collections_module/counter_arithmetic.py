# Counter arithmetic: + and - keep only positive counts, | is max, & is min;
# unary + drops non-positive counts and unary - flips negatives.
from collections import Counter

a = Counter(x=3, y=1, z=0)
b = Counter(x=1, y=4, w=2)
print("a + b", a + b)
print("a - b", a - b)
print("b - a", b - a)
print("a | b", a | b)
print("a & b", a & b)
m = Counter(p=2, q=-3, r=0)
print("+m", +m)
print("-m", -m)
print(Counter(q=-2) - Counter(q=-5))
a += Counter(y=-1, v=2)
print("a +=", a)
b -= Counter(w=5)
print("b -=", b)
try:
    a + {"x": 1}
except TypeError as e:
    print("TypeError", e)
