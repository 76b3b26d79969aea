# exec() runs statements; names land in the namespace it is given.
x = 3
exec("z = x * 2")
print(z)
g = {}
exec("q = 1\ndef f():\n    return q + 1", g)
print(g["q"], g["f"](), sorted(k for k in g if k != "__builtins__"))
print(exec("1 + 1"))
ns = {}
exec("for i in range(3):\n    total = i", ns, ns)
print(ns["total"], ns["i"])
