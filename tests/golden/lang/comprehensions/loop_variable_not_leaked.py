x = "outer"
ys = [x for x in range(3)]
print(x, ys)
try:
    print(z)
except NameError as e:
    print(e)
[z for z in range(2)]
try:
    print(z)
except NameError as e:
    print(e)
