print(frozenset() is frozenset())
print(set() is set())
