# A small counter built on dict, the way collections.Counter works.
class Tally(dict):
    def __missing__(self, key):
        return 0

    def add(self, words):
        for w in words:
            self[w] += 1

    def most(self):
        return max(self.items(), key=lambda kv: kv[1])


t = Tally()
t.add("the cat and the hat and the bat".split())
print(t)
print(t.most(), t["dog"], isinstance(t, dict))
