for e in (ValueError(), ValueError("one"), ValueError("a", 2), KeyError("k"), KeyError(), KeyError(1, 2), OSError("x")):
    print(repr(e), "|", str(e), "|", e.args)
