s = {1, 2, 3}
print(s.union([4], (5,)), s.intersection([2, 3, 9], {3}), s.difference([1], {2}), s.symmetric_difference([3, 4]))
print(s.union(), s.intersection(), s.difference(), s.issubset([1, 2, 3, 4]), s.issuperset(range(2)), s.isdisjoint('abc'))
t = set(s)
t.update([9], 'a' if False else [8])
t.intersection_update({1, 8, 9})
t.difference_update([9])
t.symmetric_difference_update({1, 100})
print(t)
