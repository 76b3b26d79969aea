# The public names of str, int, bool and float, as dir() lists them.
for t in (str, int, bool, float):
    print(t.__name__, [n for n in dir(t) if not n.startswith('_')])
