a, b = ({1, 2, 3, 4}, {3, 4, 5})
print(a | b, a & b, a - b, b - a, a ^ b)
print(frozenset(a) | b, type(frozenset(a) & b).__name__, type(a & frozenset(b)).__name__)
for expr in [lambda: a | [1], lambda: a - 1, lambda: a ^ 1, lambda: a & 1]:
    try:
        expr()
    except TypeError as e:
        print(e)
