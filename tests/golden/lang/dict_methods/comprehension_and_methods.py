words = ['apple', 'bob', 'apple', 'cat']
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts, key=counts.get), max(counts.items(), key=lambda kv: kv[1]))
inv = {v: k for k, v in counts.items()}
print(inv)
