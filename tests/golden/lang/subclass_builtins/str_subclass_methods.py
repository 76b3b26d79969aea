# A str subclass: str methods return plain strs, its own methods work.
class Name(str):
    def shout(self):
        return self.upper() + "!"


n = Name("bob")
print(n, repr(n), n.shout(), n == "bob", len(n), n[0], n + "by")
print(type(n.upper()).__name__, type(str(n)).__name__, str(n) is n)
print(f"{n:>5}|", "%s" % n, {n: 1}["bob"])
