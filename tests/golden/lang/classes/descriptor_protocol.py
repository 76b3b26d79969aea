# Descriptors defined in Python: __get__/__set__/__set_name__, data vs non-data.
class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return getattr(obj, self.name, 0)

    def __set__(self, obj, value):
        if value < 0:
            raise ValueError(f"{self.name[1:]} must be >= 0")
        setattr(obj, self.name, value)


class Constant:
    def __get__(self, obj, owner):
        return ("constant", obj is None, owner.__name__)


class Account:
    balance = Positive()
    tag = Constant()


a = Account()
a.balance = 10
print(a.balance, a.tag, Account.tag, type(Account.balance).__name__)
a.tag = "shadowed"
print(a.tag, sorted(vars(a)))
try:
    a.balance = -5
except ValueError as e:
    print(e)
print(a.balance)
