import math
print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod([1, 2], start=3), math.prod(range(1, 6), start=0.5))
print(math.prod([0.1, 0.2, 0.3]), math.prod([2**40, 2**40]), math.prod(["ab", 3]), math.prod([3, "a"]))
print(math.prod(x for x in [1.5, 2]), math.prod([], start="s"))
