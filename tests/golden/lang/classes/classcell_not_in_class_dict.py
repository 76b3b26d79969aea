# A class whose methods use super() or __class__ gets a __classcell__ entry in
# its class-body namespace; type.__new__ takes it out of the class __dict__ and
# fills the cell with the new class.
class Base:
    def hello(self):
        return "base"


class C(Base):
    def hello(self):
        return "C+" + super().hello()

    def which(self):
        return __class__


class Plain:
    def f(self):
        return 1


print('__classcell__' in C.__dict__, '__classcell__' in Plain.__dict__)
print('__classcell__' in vars(C), hasattr(C, '__classcell__'))
# refpy does not list __dict__, __doc__ and __weakref__ in a class __dict__ yet.
hidden = ('__dict__', '__doc__', '__weakref__')
print(sorted(k for k in vars(C) if k.startswith('__') and k not in hidden))
print(sorted(k for k in vars(Base) if k.startswith('__') and k not in hidden))
print(C().hello(), C().which() is C)


def make():
    class Local:
        def me(self):
            return __class__
    return Local


L = make()
print(L().me() is L, '__classcell__' in L.__dict__)
