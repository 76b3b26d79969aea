for x in [1, "two", 3.0]:
    print(x)
for ch in "abc":
    print(ch)
for item in (None, True):
    print(item)
for k in {"first": 1, "second": 2}:
    print(k)
