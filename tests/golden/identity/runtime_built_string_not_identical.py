p = "hel"
q = p + "lo"
r = "hello"
print(q == r)
print(q is r)
s = p + "lo"
print(q is s)
