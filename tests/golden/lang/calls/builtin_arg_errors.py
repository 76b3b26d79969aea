try:
    len()
except TypeError as e:
    print(e)
try:
    len(1, 2)
except TypeError as e:
    print(e)
try:
    abs()
except TypeError as e:
    print(e)
try:
    isinstance(1)
except TypeError as e:
    print(e)
try:
    divmod(1)
except TypeError as e:
    print(e)
try:
    sorted()
except TypeError as e:
    print(e)
try:
    range()
except TypeError as e:
    print(e)
