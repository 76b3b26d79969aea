# eval() computes an expression in the caller's namespaces or given dicts.
x = 10
print(eval("x + 1"), eval("  2 * 3"), eval("[i * i for i in range(4)]"))
print(eval("y", {"y": 5}), eval("a + b", {}, {"a": 1, "b": 2}))
print(eval("len('abc') + x", {"x": 1}))
