t = (1, 2, 3, 2)
print(t.index(2), t.index(2, 2), t.count(2), t.count(9))
try:
    t.index(9)
except ValueError as e:
    print(e)
try:
    t.count()
except TypeError as e:
    print(e)
