print(list({5, 3, 1, 8, 2}), list({100, 200, 7, 9}), list({-1, -2, 0}))
s = set(range(20))
print(list(s) == list(range(20)), list({8, 16, 24, 0}))
print(list({'apple', 'banana', 'cherry'}))
