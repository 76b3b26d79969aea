class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress

def f():
    with CM("r"):
        return "value"
print(f())
def g():
    for i in range(3):
        with CM(str(i)):
            if i == 1:
                break
            continue
g()
