s = {1, 2}
s.add(3); s.add(2)
s.remove(1)
s.discard(99)
s.discard(2)
print(s, len(s))
try:
    s.remove(42)
except KeyError as e:
    print(repr(e))
try:
    s.add([1])
except TypeError as e:
    print(e)
