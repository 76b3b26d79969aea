# exec(str) and eval(str) run source text: while it runs, its constants have the
# parser arena's reference too; afterwards the arena and the code object are gone.
import sys
def rc(x):
    return sys.getrefcount(x) - 3
g = {"sys": sys}
exec("a = 123456.5\nprint('during exec', sys.getrefcount(a) - 2)\ndef f():\n    return 654321.5", g)
print("after exec", rc(g["a"]), rc(g["f"]()) + 1)
print("during eval", eval("sys.getrefcount(999999.5)"))
v = eval("(777777.5, 888888.5)")
print("after eval", rc(v), rc(v[0]))
