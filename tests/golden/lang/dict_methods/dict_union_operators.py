# dict | dict makes a new dict; |= updates in place from any mapping or pairs.
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a)
alias = a
a |= b
print(a, alias is a)
a |= [("w", 0)]
print(a)
try:
    a | [("q", 1)]
except TypeError as e:
    print(e)
