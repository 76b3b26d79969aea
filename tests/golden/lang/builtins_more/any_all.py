print(any([]), all([]), any([0, '', None]), any([0, 3]), all([1, 'x']), all([1, 0]))
print(any(x > 2 for x in [1, 2, 3]) if False else any([x > 2 for x in [1, 2, 3]]))
try:
    any(5)
except TypeError as e:
    print(e)
