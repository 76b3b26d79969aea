class Proxy:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("x"):
            return name.upper()
        raise AttributeError(f"no {name}")
p = Proxy()
print(p.real, p.xyz, getattr(p, "xa"), hasattr(p, "q"))
try:
    p.q
except AttributeError as e:
    print(e)
