# Set and frozenset subclasses keep set operations and their class name in repr.
class Tags(set):
    def add_all(self, *items):
        for i in items:
            self.add(i)


t = Tags(["a"])
t.add_all("b", "c")
print(sorted(t), len(t), "b" in t, sorted(t | {"d"}))


class Frozen(frozenset):
    pass


f = Frozen([1, 2])
print(sorted(f), f == frozenset({1, 2}), hash(f) == hash(frozenset({1, 2})))
