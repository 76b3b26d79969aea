l = [1, 2, 3, 2]
l.remove(2)
print(l)
l.remove(2)
print(l)
try:
    l.remove(9)
except ValueError as e:
    print(e)
try:
    l.remove()
except TypeError as e:
    print(e)
