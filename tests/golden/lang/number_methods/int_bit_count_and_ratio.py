# int.bit_count() counts the ones of abs(x); int.as_integer_ratio() is (x, 1).
for x in [0, 1, 255, -255, 2**100, -(2**100 - 1), True]:
    print(x, x.bit_count(), x.as_integer_ratio())
print(type(True.as_integer_ratio()[0]))
for call in [lambda: (1).bit_count(1), lambda: int.bit_count('a'), lambda: (1).as_integer_ratio(x=1)]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
