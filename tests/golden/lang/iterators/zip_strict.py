print(list(zip([1, 2], 'ab', strict=True)))
for args in [([1], [2, 3]), ([1, 2], [3]), ([1, 2], [3, 4], [5])]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print(e)
try:
    zip([1], x=1)
except TypeError as e:
    print(e)
