# While list.sort runs, the list is empty: the key function sees len 0 and [].
p = [3, 1, 2]
p.sort(key=lambda x: print(len(p), p) or x)
print(p)
q = [5, 4, 6]
q.sort(key=lambda x: print(len(q)) or x, reverse=True)
print(q)
