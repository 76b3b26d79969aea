print(max(map(len, ['a', 'abc', 'ab'])), min(zip([3, 1], 'ab')), sum(filter(None, [0, 1, 2, 3])))
print(sorted({3, 1, 2}), sorted({'b': 1, 'a': 2}.items()), max({4: 'x', 9: 'y'}.keys()))
