print(enumerate, zip, map, filter, reversed, set, frozenset)
print(isinstance(zip(), zip), isinstance({1}, set), isinstance(frozenset(), set))
print(type(enumerate([])).__name__, type(iter(set())).__name__)
