class Card:
    def __init__(self, r):
        self.r = r
    def __lt__(self, other):
        return self.r < other.r
    def __eq__(self, other):
        return self.r == other.r
    def __repr__(self):
        return "Card(%d)" % self.r
cards = [Card(3), Card(1), Card(2)]
print(sorted(cards))
print(Card(2) > Card(1))
print(Card(1) != Card(1), Card(1) == Card(2))
print(max(cards))
