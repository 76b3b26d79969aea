s = {10, 3, 7, 100, 1}
out = []
while s:
    out.append(s.pop())
print(out)
try:
    s.pop()
except KeyError as e:
    print(repr(e))
