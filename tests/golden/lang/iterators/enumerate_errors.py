for call in [lambda: enumerate(), lambda: enumerate(1), lambda: enumerate([], 1, 2), lambda: enumerate([], start='a'), lambda: enumerate(x=1)]:
    try:
        call()
    except TypeError as e:
        print(e)
print(list(enumerate(iterable='ab', start=2)))
