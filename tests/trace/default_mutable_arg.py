# A default list is made once, when `def` runs: every call that omits the argument shares it.
def add(item, bucket=[]):
    bucket.append(item)
    return bucket


first = add(1)
second = add(2)
print(first, second, first is second)
other = add(3, [])
print(other, add.__defaults__)
