def collect(item, bucket=[]):
    bucket += [item]
    return bucket
first = collect(1)
second = collect(2)
print(first)
print(second)
print(first is second)
print(collect(3, []))
print(collect(4))
