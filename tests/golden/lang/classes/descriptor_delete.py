# __delete__ makes a data descriptor; del calls it.
class Logged:
    def __get__(self, obj, owner):
        return "value"

    def __delete__(self, obj):
        print("deleting on", type(obj).__name__)


class C:
    x = Logged()


c = C()
c.__dict__["x"] = "in dict"
print(c.x)
del c.x
