class Outer:
    """Doc."""
    x = 1
    class Inner:
        def m(self):
            pass
    def f(self):
        pass
print(Outer.__name__, Outer.Inner.__qualname__, Outer.Inner.m.__qualname__)
print(Outer.__doc__, Outer.f.__name__)
print(sorted(k for k in Outer.__dict__ if not k.startswith("__")))
print(Outer.__module__)
