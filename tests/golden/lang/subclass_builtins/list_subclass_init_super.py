# __init__ of a list subclass can call list.__init__ through super().
class Bag(list):
    def __init__(self, items, owner):
        super().__init__(items)
        self.owner = owner


b = Bag((3, 1, 2), "ann")
print(b, b.owner, sorted(b))
b.__init__([9])
print(b)
