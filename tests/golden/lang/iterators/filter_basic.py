print(list(filter(None, [0, 1, '', 'a', None, [], [0]])), list(filter(lambda x: x % 2, range(10))))
print(list(filter(bool, [0, 2])), list(filter(str.isdigit, ['1', 'a', '22'])))
try:
    filter(None)
except TypeError as e:
    print(e)
