print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed('héllo')), list(reversed(range(1, 10, 3))))
print(list(reversed(range(0))), ''.join(reversed('abc')), list(reversed({'a': 1, 'b': 2})))
print(type(reversed([])).__name__, type(reversed(())).__name__, type(reversed(range(2))).__name__)
for bad in [1, {1}]:
    try:
        reversed(bad)
    except TypeError as e:
        print(e)
