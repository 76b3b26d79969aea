l = [1, 2, 3, 2, 1]
print(l.index(2), l.index(2, 2), l.index(1, -2), l.index(3, 0, 3))
for args in [(2, 4), (9,), (1, 1, 4)]:
    try:
        print(l.index(*args))
    except ValueError as e:
        print(e)
try:
    l.index()
except TypeError as e:
    print(e)
