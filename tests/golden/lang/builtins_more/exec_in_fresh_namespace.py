# exec() with a fresh globals dict gets the builtins; __name__ comes from them.
ns = {}
exec("class A:\n    pass\nname = __name__\nkind = A.__module__", ns)
print(ns["name"], ns["kind"], "__builtins__" in ns)
