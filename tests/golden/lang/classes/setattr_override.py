class Logged:
    def __setattr__(self, name, value):
        print("setting", name, value)
        super().__setattr__(name, value * 2)
l = Logged()
l.a = 3
print(l.a)
setattr(l, "b", 1)
print(l.__dict__)
