# An inventory with items, dunder methods, sorting and a report.
class Item:
    def __init__(self, name, price, qty):
        self.name, self.price, self.qty = name, price, qty

    @property
    def value(self):
        return self.price * self.qty

    def __lt__(self, other):
        return self.value < other.value

    def __eq__(self, other):
        return isinstance(other, Item) and self.name == other.name

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return f"Item({self.name!r}, {self.price}, {self.qty})"


class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, item):
        if item.name in self.items:
            self.items[item.name].qty += item.qty
        else:
            self.items[item.name] = item
        return self

    def __len__(self):
        return len(self.items)

    def __getitem__(self, name):
        return self.items[name]

    def __contains__(self, name):
        return name in self.items

    def __iter__(self):
        return iter(sorted(self.items.values(), reverse=True))


inv = Inventory()
inv.add(Item("apple", 0.5, 100)).add(Item("pear", 0.75, 40)).add(Item("melon", 3.0, 5))
inv.add(Item("apple", 0.5, 20))
print(len(inv), "pear" in inv, "kiwi" in inv, inv["apple"])
for item in inv:
    print(f"{item.name:<6} {item.qty:>4} x {item.price:5.2f} = {item.value:7.2f}")
print("total", sum(i.value for i in inv))
print(len({Item("a", 1, 1), Item("a", 2, 2), Item("b", 1, 1)}))
try:
    inv["kiwi"]
except KeyError as e:
    print("missing", e)
